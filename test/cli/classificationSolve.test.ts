// solve on classification data (CSV and IDX) through main() in-process, against closed forms
// and planted SVMs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { separableData, writeIdx } from "../../src/data/index.ts";
import { Rng } from "../../src/random/index.ts";
import { cli, tempDir, writeFiles } from "./harness.ts";

/**
 * Every binding example has yᵢxᵢ = z = (3, 1, −2) (rows 1, 2); rows 3, 4 have margins above 1
 * at every solution below. So argmin ‖w‖_p s.t. ⟨w, z⟩ ≥ 1 is the dual-norm maximizer scaled
 * onto ⟨w, z⟩ = 1, with margin ‖z‖_q: ℓ2 w = z/‖z‖², γ = √14; ℓ1 w = e₁/3, γ = ‖z‖∞ = 3;
 * ℓ∞ w = sign(z)/‖z‖₁, γ = 6; ℓp w = sign(z)|z|^{q−1}/‖z‖_q^q, γ = ‖z‖_q (q = p/(p − 1)).
 */
const PAIR = "x1,x2,x3,y\n3,1,-2,1\n-3,-1,2,-1\n4,3,-3,1\n-5,-2,3,-1\n";
const Z = [3, 1, -2];

/** XOR through the origin: y₁x₁ = −y₃x₃ etc., λ = (¼, ¼, ¼, ¼) sums yᵢxᵢ to 0 */
const XOR = "a,b,label\n1,1,1\n-1,-1,1\n1,-1,-1\n-1,1,-1\n";

function close(a: number[], b: number[], tol: number, what: string): void {
  assert.equal(a.length, b.length, what);
  const scale = Math.max(1, ...b.map(Math.abs));
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= tol * scale, `${what}[${i}] = ${v}, expected ${b[i]}`));
}

function planted(seed: number) {
  const data = separableData(new Rng(seed), { n: 40, d: 3, gap: 0.25, supportVectors: 3, clearance: 0.1 });
  const rows = Array.from({ length: data.X.rows }, (_, i) => [...data.X.row(i), data.y[i]].join(","));
  return { data, csv: `f1,f2,f3,label\n${rows.join("\n")}\n` };
}

async function json(args: string[], cwd: string): Promise<Record<string, unknown> & { solution: number[]; certificate: { ok: boolean } }> {
  const r = await cli([...args, "--json"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  return JSON.parse(r.stdout);
}

test("svm-l2, svm-l1, svm-linf, svm-lp on the closed-form instance: solutions, margins ‖z‖_q, --json shape", async () => {
  const cwd = tempDir();
  writeFiles(cwd, { "pair.csv": PAIR });
  const l2 = await json(["solve", "svm-l2", "--data", "pair.csv"], cwd);
  assert.deepEqual(Object.keys(l2), ["program", "solution", "certificate", "margin", "p", "supportVectors"]);
  assert.equal(l2.program, "svm-l2");
  assert.equal(l2.certificate.ok, true);
  close(l2.solution, Z.map((v) => v / 14), 1e-9, "ℓ2 w");
  assert.ok(Math.abs((l2.margin as number) - Math.sqrt(14)) < 1e-8);
  assert.equal(l2.p, 2);
  // only the two binding rows can carry multipliers
  assert.ok((l2.supportVectors as number[]).every((i) => i === 0 || i === 1) && (l2.supportVectors as number[]).length > 0);

  const l1 = await json(["solve", "svm-l1", "--data", "pair.csv"], cwd);
  close(l1.solution, [1 / 3, 0, 0], 1e-9, "ℓ1 w");
  assert.ok(Math.abs((l1.margin as number) - 3) < 1e-8 && l1.p === 1 && l1.certificate.ok);

  const linf = await json(["solve", "svm-linf", "--data", "pair.csv"], cwd);
  close(linf.solution, [1 / 6, 1 / 6, -1 / 6], 1e-9, "ℓ∞ w");
  assert.ok(Math.abs((linf.margin as number) - 6) < 1e-8 && linf.p === "inf" && linf.certificate.ok);

  const p = 3, q = 1.5;
  const zq = Z.reduce((s, v) => s + Math.abs(v) ** q, 0);
  const lp = await json(["solve", "svm-lp", "--p", String(p), "--data", "pair.csv"], cwd);
  close(lp.solution, Z.map((v) => (Math.sign(v) * Math.abs(v) ** (q - 1)) / zq), 1e-7, "ℓ3 w");
  assert.ok(Math.abs((lp.margin as number) - zq ** (1 / q)) < 1e-7 * zq, `margin ${lp.margin}`);
  assert.ok(lp.p === 3 && lp.certificate.ok);

  // the human output names the norm, the margin and the support vectors by CSV line
  const h = await cli(["solve", "svm-l1", "--data", "pair.csv"], { cwd });
  assert.equal(h.code, 0, h.stderr);
  assert.match(h.stdout, /pair\.csv: N = 4 examples, d = 3 features, labels from column 'y' of pair\.csv: −1 \(2\), \+1 \(2\)/);
  assert.match(h.stdout, /max margin γ = 1\/‖ŵ‖_1 = 3 /);
  assert.match(h.stdout, /support vectors: 1: line [23]\n/);
  assert.match(h.stdout, /^certificate\s+max-margin duality \(ℓ1 norm, dual ℓ∞\): ok$/m);
});

test("svm-l2 finds the planted SVM w*/gap with margin gap and exactly the planted support vectors", async () => {
  const cwd = tempDir();
  const { data, csv } = planted(11);
  writeFiles(cwd, { "planted.csv": csv });
  const j = await json(["solve", "svm-l2", "--data", "planted.csv"], cwd);
  close(j.solution, Array.from(data.wStar, (v) => v / data.gap), 1e-8, "w");
  assert.ok(Math.abs((j.margin as number) - data.gap) < 1e-10);
  assert.deepEqual(j.supportVectors, Array.from(data.supportIndices));
  // labels named 0/1 mapped with --classes give the same problem
  const renamed = csv.replace(/,-1\n/g, ",0\n");
  writeFiles(cwd, { "zero-one.csv": renamed });
  const k = await json(["solve", "svm-l2", "--data", "zero-one.csv", "--classes", "0,1"], cwd);
  close(k.solution, j.solution, 1e-12, "w with --classes 0,1");
  // and swapped classes flip the sign of w
  const s = await json(["solve", "svm-l2", "--data", "zero-one.csv", "--classes", "1,0"], cwd);
  close(s.solution, j.solution.map((v) => -v), 1e-12, "w with --classes 1,0");
});

test("separable answers either way with a certificate and exit 0: a separating w, or Gordan's λ", async () => {
  const cwd = tempDir();
  const { data, csv } = planted(12);
  writeFiles(cwd, { "planted.csv": csv, "xor.csv": XOR });
  const yes = await json(["solve", "separable", "--data", "planted.csv"], cwd);
  assert.deepEqual(Object.keys(yes), ["program", "separable", "solution", "certificate", "linfMargin"]);
  assert.equal(yes.separable, true);
  for (let i = 0; i < data.X.rows; i++) {
    const u = data.y[i] * data.X.row(i).reduce((s, x, j) => s + x * yes.solution[j], 0);
    assert.ok(u >= 1 - 1e-9, `margin ${i} = ${u}`);
  }
  // the LP value is the ℓ∞ max margin
  const linf = await json(["solve", "svm-linf", "--data", "planted.csv"], cwd);
  assert.ok(Math.abs((yes.linfMargin as number) - (linf.margin as number)) < 1e-8 * (linf.margin as number));

  const no = await json(["solve", "separable", "--data", "xor.csv"], cwd);
  assert.deepEqual(Object.keys(no), ["program", "separable", "solution", "certificate", "linfMargin", "farkas", "farkasExamples"]);
  assert.equal(no.separable, false);
  assert.equal(no.solution, null);
  assert.equal(no.certificate.ok, true);
  const lambda = no.farkas as number[];
  const X = [[1, 1], [-1, -1], [1, -1], [-1, 1]], y = [1, 1, -1, -1];
  assert.ok(lambda.every((l) => l >= 0) && Math.abs(lambda.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  for (let j = 0; j < 2; j++) assert.ok(Math.abs(lambda.reduce((s, l, i) => s + l * y[i] * X[i][j], 0)) < 1e-12);
  const h = await cli(["solve", "separable", "--data", "xor.csv"], { cwd });
  assert.equal(h.code, 0);
  assert.match(h.stdout, /not separable through the origin: λ ≥ 0 with Σλᵢ = 1 and Σλᵢyᵢxᵢ = 0/);
  assert.match(h.stdout, /^certificate\s+Gordan: .*: ok$/m);
});

test("svm-multiclass: W = I − 11ᵀ/3 on one unit example per class, margin 1/√2, named classes in sorted order", async () => {
  const cwd = tempDir();
  // xᵢ = e_c (binding) and 2e_c (not): column c of W solves min a² + 2b² s.t. a − b ≥ 1 → a = 2/3, b = −1/3
  writeFiles(cwd, { "unit.csv": "u,v,w,animal\n0,1,0,dog\n1,0,0,cat\n0,0,1,eel\n0,2,0,dog\n2,0,0,cat\n0,0,2,eel\n" });
  const j = await json(["solve", "svm-multiclass", "--data", "unit.csv"], cwd);
  assert.deepEqual(Object.keys(j), ["program", "solution", "certificate", "margin", "p", "supportVectors", "classes", "shape"]);
  assert.deepEqual(j.classes, ["cat", "dog", "eel"]);
  assert.deepEqual(j.shape, [3, 3]);
  close(j.solution, [2 / 3, -1 / 3, -1 / 3, -1 / 3, 2 / 3, -1 / 3, -1 / 3, -1 / 3, 2 / 3], 1e-8, "W");
  assert.ok(Math.abs((j.margin as number) - Math.SQRT1_2) < 1e-8);
  assert.deepEqual(j.supportVectors, [0, 1, 2]);
  assert.equal(j.certificate.ok, true);
  // --classes keeps a subset, in the listed order
  const two = await json(["solve", "svm-multiclass", "--data", "unit.csv", "--classes", "eel,cat"], cwd);
  assert.deepEqual(two.classes, ["eel", "cat"]);
  assert.deepEqual(two.shape, [2, 3]);
});

test("IDX input (gzip or not): --classes takes a two-class subset as ±1 and --limit the first examples", async () => {
  const cwd = tempDir();
  const { data, csv } = planted(13);
  const n = data.X.rows;
  // labels 3 (y = −1) and 8 (y = +1), with 5 extra examples of class 5 interleaved
  const extra = 5;
  const images = new Float64Array((n + extra) * 3), labels = new Uint8Array(n + extra);
  let r = 0;
  for (let i = 0; i < n; i++) {
    if (i % 8 === 0 && r - i < extra) {
      images.set([9, 9, 9], r * 3);
      labels[r++] = 5;
    }
    images.set(data.X.row(i), r * 3);
    labels[r++] = data.y[i] > 0 ? 8 : 3;
  }
  assert.equal(r, n + extra);
  writeFileSync(join(cwd, "images.idx"), writeIdx({ type: "float64", dims: [n + extra, 3], data: images }));
  writeFileSync(join(cwd, "labels.idx.gz"), gzipSync(writeIdx({ type: "uint8", dims: [n + extra], data: labels })));
  writeFiles(cwd, { "planted.csv": csv });
  const fromCsv = await json(["solve", "svm-l2", "--data", "planted.csv"], cwd);
  const fromIdx = await json(["solve", "svm-l2", "--data", "images.idx", "--labels", "labels.idx.gz", "--classes", "3,8"], cwd);
  close(fromIdx.solution, fromCsv.solution, 1e-12, "w from IDX");
  // support vectors are positions in the IDX files (the class-5 rows shift them)
  const positions = Array.from(labels.keys()).filter((i) => labels[i] !== 5);
  assert.deepEqual(fromIdx.supportVectors, (fromCsv.supportVectors as number[]).map((i) => positions[i]));

  const h = await cli(["solve", "svm-l2", "--data", "images.idx", "--labels", "labels.idx.gz", "--classes", "3,8", "--limit", "10"], { cwd });
  assert.equal(h.code, 0, h.stderr);
  assert.match(h.stdout, /images\.idx: N = 10 examples, d = 3 features, labels from labels\.idx\.gz: 3 ↦ −1 \(\d+\), 8 ↦ \+1 \(\d+\)/);
  // two classes as a multiclass SVM: ⟨w₈ − w₃, x⟩ ≥ 1 with min ‖w₃‖² + ‖w₈‖² is w₈ = −w₃ = ŵ/2
  const multi = await json(["solve", "svm-multiclass", "--data", "images.idx", "--labels", "labels.idx.gz", "--classes", "3,8"], cwd);
  assert.deepEqual(multi.classes, ["3", "8"]);
  close(multi.solution, [...fromCsv.solution.map((v) => -v / 2), ...fromCsv.solution.map((v) => v / 2)], 1e-8, "W");
});
