// solve on matrix data (measurement rows and observed entries) through main() in-process, against closed forms.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { Rng } from "../../src/random/index.ts";
import { assertOneErrorLine, cli, tempDir, writeFiles } from "./harness.ts";

/** the off-diagonal entries of uuᵀ, u = (1, 2, 3): the min-trace PSD completion is uuᵀ itself, trace 14 */
const RANK_ONE = "i,j,value\n1,2,2\n1,3,3\n2,3,6\n";
const UUT = [[1, 2, 3], [2, 4, 6], [3, 6, 9]];

/** largest entrywise difference of two (nested) arrays of numbers */
function maxDiff(a: readonly unknown[], b: readonly unknown[]): number {
  const fa = a.flat(2) as number[], fb = b.flat(2) as number[];
  assert.equal(fa.length, fb.length);
  return Math.max(...fa.map((v, k) => Math.abs(v - fb[k])));
}

async function json(argv: string[], cwd: string): Promise<{ program: string; solution: number[][] & number[]; certificate: { ok: boolean; primalObjective: number; details: Record<string, unknown> } }> {
  const r = await cli(argv, { cwd });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test("solve nuclear-psd on a completion file: the rank-1 PSD completion, with or without header, 1- or 0-based", async () => {
  const cwd = tempDir();
  writeFiles(cwd, {
    "header.csv": RANK_ONE,
    "plain.csv": "1,2,2\n1,3,3\n2,3,6\n",
    "zero.csv": "0,1,2\n0,2,3\n1,2,6\n",
    "mirrored.csv": `${RANK_ONE}3,2,6\n2,1,2\n`,
  });
  const r = await cli(["solve", "nuclear-psd", "--data", "header.csv", "--json"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ["program", "solution", "certificate"]);
  assert.equal(j.program, "nuclear-psd");
  assert.equal(j.solution.length, 3);
  assert.ok(maxDiff(j.solution, UUT) < 1e-4, JSON.stringify(j.solution));
  assert.ok(Math.abs(j.certificate.primalObjective - 14) < 1e-8);
  assert.equal(j.certificate.ok, true);
  for (const [file, extra] of [["plain.csv", []], ["zero.csv", ["--index-base", "0"]], ["mirrored.csv", []]] as const) {
    const o = await json(["solve", "nuclear-psd", "--data", file, ...extra, "--json"], cwd);
    assert.ok(maxDiff(o.solution, j.solution) < 1e-9, file);
  }
  const text = await cli(["solve", "nuclear-psd", "--data", "mirrored.csv"], { cwd });
  assert.equal(text.code, 0);
  assert.match(text.stdout, /mirrored\.csv: 3 observed entries of a 3×3 matrix \(1-based indices, shape from the largest indices, 2 mirrored \(j, i\) merged, header row\)/);
  assert.match(text.stdout, /^ {2}1 {2}2 {2}3$/m);
  assert.match(text.stdout, /^eigenvalues\s+14, /m);
  assert.match(text.stdout, /^rank\s+1 \(singular values above 0\.0001·σ₁\)$/m);
  assert.match(text.stdout, /^nuclear norm\s+14$/m);
  assert.match(text.stdout, /^certificate\s+SDP duality: A\*\(λ\) ⪯ I: ok$/m);
});

test("solve nuclear on measurement rows with and without a header; --shape for rectangular Aᵢ: W = diag(y), ‖W‖_* = Σ|yᵢ|", async () => {
  const cwd = tempDir();
  const rows = "1,0,0,0,0,0,3\n0,0,0,0,1,0,-1.5\n";
  writeFiles(cwd, { "plain.csv": rows, "named.csv": `a11,a12,a13,a21,a22,a23,y\n${rows}` });
  for (const file of ["plain.csv", "named.csv"]) {
    const o = await json(["solve", "nuclear", "--data", file, "--shape", "2x3", "--json"], cwd);
    assert.ok(maxDiff(o.solution, [[3, 0, 0], [0, -1.5, 0]]) < 1e-8, file);
    assert.ok(Math.abs(o.certificate.primalObjective - 4.5) < 1e-8);
  }
  const text = await cli(["solve", "nuclear", "--data", "named.csv", "--shape", "2×3"], { cwd });
  assert.match(text.stdout, /named\.csv: m = 2 measurements ⟨Aᵢ, W⟩ = yᵢ of a 2×3 matrix \(header row\)/);
  assert.match(text.stdout, /^singular values\s+3, 1\.5$/m);
  assert.match(text.stdout, /^nuclear norm\s+4\.5$/m);
});

test("nuclear-psd on diagonal measurements equals nonneg-l1 on their diagonals, through the command line", async () => {
  const cwd = tempDir();
  const rng = new Rng(811);
  const n = 5, m = 2;
  const a = Array.from({ length: m }, () => Array.from({ length: n }, () => rng.normal()));
  const x = [0, 2, 0, 0.5, 0];
  const y = a.map((r) => r.reduce((s, v, k) => s + v * x[k], 0));
  const diag = a.map((r, i) => [...r.flatMap((v, k) => Array.from({ length: n }, (_, c) => (c === k ? v : 0))), y[i]].join(","));
  writeFiles(cwd, { "diag.csv": `${diag.join("\n")}\n`, "vec.csv": `${a.map((r, i) => [...r, y[i]].join(",")).join("\n")}\n` });
  const psd = await json(["solve", "nuclear-psd", "--data", "diag.csv", "--json"], cwd);
  const lp = await json(["solve", "nonneg-l1", "--data", "vec.csv", "--json"], cwd);
  assert.equal(lp.solution.length, n);
  assert.ok(lp.solution.every((v) => typeof v === "number" && v >= 0), "a flat x ≥ 0");
  assert.ok(Math.abs(psd.certificate.primalObjective - lp.certificate.primalObjective) < 1e-8 * lp.certificate.primalObjective);
  assert.ok(maxDiff(psd.solution.map((r, k) => r[k]), lp.solution) < 1e-6);
  const text = await cli(["solve", "nonneg-l1", "--data", "vec.csv"], { cwd });
  assert.match(text.stdout, /vec\.csv: 2 equations aᵢᵀx = bᵢ in d = 5 unknowns/);
  assert.match(text.stdout, /^support 2 of 5, ‖x‖₁ = /m);
});

test("solve min-frobenius and nuclear-margin: closed forms; nuclear-psd symmetrizes asymmetric Aᵢ and says so", async () => {
  const cwd = tempDir();
  writeFiles(cwd, {
    "orth.csv": "1,1,0,0,1\n0,0,1,-1,4\n",
    "margin.csv": "a11,a12,a21,a22,label\n2,0,0,0,1\n0,0,0,-2,-1\n",
    "asym.csv": "1,2,0,1,3\n0,0,0,1,1\n",
    "sym.csv": "1,1,1,1,3\n0,0,0,1,1\n",
  });
  const f = await json(["solve", "min-frobenius", "--data", "orth.csv", "--json"], cwd);
  assert.ok(maxDiff(f.solution, [[0.5, 0.5], [2, -2]]) < 1e-14);
  const mm = await json(["solve", "nuclear-margin", "--data", "margin.csv", "--json"], cwd);
  assert.ok(maxDiff(mm.solution, [[0.5, 0], [0, 0.5]]) < 1e-8);
  const r = await cli(["solve", "nuclear-psd", "--data", "asym.csv", "--json"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^biaslab: note: 1 of the 2 Aᵢ are not symmetric; nuclear-psd uses their symmetric parts/);
  const sym = await json(["solve", "nuclear-psd", "--data", "sym.csv", "--json"], cwd);
  assert.ok(maxDiff(JSON.parse(r.stdout).solution, sym.solution) < 1e-9);
});

test("solve on matrix data: every bad input is one line, exit 2, nothing written", async () => {
  const cwd = tempDir();
  const files = {
    "inconsistent.csv": "1,0,0,0,1\n0,0,0,1,2\n1,0,0,1,4\n",
    "dup.csv": "i,j,value\n1,1,1\n2,2,3\n1,1,1\n",
    "mirror.csv": "1,2,1\n2,1,2\n",
    "range.csv": "1,1,1\n4,1,2\n",
    "frac.csv": "1,1.5,1\n",
    "zero.csv": "0,1,1\n",
    "nan.csv": "1,0,0,NaN,1\n",
    "empty.csv": "a,b,c,d,y\n1,0,,1,1\n",
    "ragged.csv": "1,0,0,1,1\n1,0,0,1\n",
    "seven.csv": "1,2,3,4,5,6,7\n",
    "labels.csv": "1,0,0,1,1\n0,1,1,0,0\n",
    "notpsd.csv": "1,1,1\n2,2,1\n1,2,2\n",
    "vec.csv": "1,2,3,6\n",
    "m.csv": "1,0,0,1,1\n",
  };
  writeFiles(cwd, files);
  const solve = (...args: string[]) => cli(["solve", ...args], { cwd });
  assertOneErrorLine(await solve("nuclear", "--data", "inconsistent.csv"), /nuclear: the measurements are inconsistent: the least-squares residual ‖A\(W\) − y‖\/max\(1, ‖y‖\) is 2\.18e-1/);
  assertOneErrorLine(await solve("nuclear-psd", "--data", "inconsistent.csv"), /nuclear-psd: the measurements are inconsistent/);
  assertOneErrorLine(await solve("min-frobenius", "--data", "inconsistent.csv", "--json"), /min-frobenius: no W satisfies/);
  assertOneErrorLine(await solve("nuclear", "--data", "dup.csv"), /dup\.csv line 4: entry \(1, 1\) is already given on line 2; list each entry once/);
  assertOneErrorLine(await solve("nuclear-psd", "--data", "mirror.csv"), /mirror\.csv line 2: entry \(2, 1\) = 2 mirrors \(1, 2\) = 1 on line 1/);
  assertOneErrorLine(await solve("nuclear", "--data", "range.csv", "--shape", "3x3"), /range\.csv line 2, column 'i': row index 4 is outside the matrix's 3 rows; row indices run 1…3/);
  assertOneErrorLine(await solve("nuclear", "--data", "frac.csv"), /frac\.csv line 1, column 'j': column index 1\.5 is not an integer/);
  assertOneErrorLine(await solve("nuclear", "--data", "zero.csv"), /row index 0 is below 1; indices are 1-based here; set the index base to 0/);
  assertOneErrorLine(await solve("nuclear", "--data", "nan.csv"), /nan\.csv line 1, column 'A\(2,2\)': 'NaN' is not finite/);
  assertOneErrorLine(await solve("nuclear", "--data", "empty.csv"), /empty\.csv line 2, column 'c': the cell is empty/);
  assertOneErrorLine(await solve("nuclear", "--data", "ragged.csv"), /ragged\.csv line 2 has 4 fields, the first row has 5/);
  assertOneErrorLine(await solve("nuclear", "--data", "seven.csv"), /6 entries of Aᵢ before yᵢ, not a perfect square; give the shape/);
  assertOneErrorLine(await solve("nuclear-psd", "--data", "seven.csv", "--shape", "2x3"), /nuclear-psd needs a square W, --shape is 2x3; give --shape nxn/);
  assertOneErrorLine(await solve("nuclear-margin", "--data", "labels.csv"), /labels\.csv line 2, column 'y': label 0 is not −1 or \+1/);
  assertOneErrorLine(await solve("nuclear-psd", "--data", "notpsd.csv"), /nuclear-psd: no X ⪰ 0 satisfies the measurements/);
  assertOneErrorLine(await solve("nonneg-l1", "--data", "vec.csv", "--shape", "3x1"), /--shape does not apply to nonneg-l1/);
  assertOneErrorLine(await solve("nuclear", "--data", "m.csv", "--index-base", "0"), /--index-base applies to entries files/);
  assertOneErrorLine(await solve("nuclear", "--data", "m.csv", "--index-base", "2"), /option '--index-base <0\|1>' argument '2' is invalid/);
  assertOneErrorLine(await solve("nuclear", "--data", "m.csv", "--shape", "0x2"), /option '--shape <n1xn2>' argument '0x2' is invalid/);
  assertOneErrorLine(await solve("nuclear", "--data", "m.csv", "--target", "y"), /--target applies to the regression programs, not nuclear/);
  assertOneErrorLine(await solve("nuclear", "--data", "m.csv", "--set", "lambda=1"), /unknown key 'lambda' for program nuclear; keys are: tol, maxIterations/);
  assertOneErrorLine(await solve("nuclear", "--data", "inconsistent.csv", "--format", "measurements", "--set", "maxIterations=1"), /nuclear: the measurements are inconsistent/);
  writeFiles(cwd, { "two.csv": "1,0,0,0,1\n0,1,1,0,2\n" });
  assertOneErrorLine(await solve("nuclear", "--data", "two.csv", "--set", "maxIterations=1"), /nuclear: the SDP solver stopped \(iteration limit\) after 1 iterations at primal residual .*; .*--set maxIterations=300/);
  assertOneErrorLine(await solve("min-l2", "--data", "m.csv", "--shape", "2x2"), /--shape applies to the matrix programs, not min-l2/);
  assertOneErrorLine(await solve("nuclear-norm", "--data", "m.csv"), /unknown program 'nuclear-norm'; programs are: min-l2, .*, nuclear, nuclear-psd, nuclear-margin, min-frobenius, nonneg-l1/);
  assert.deepEqual(readdirSync(cwd).sort(), [...Object.keys(files), "two.csv"].sort());
});
