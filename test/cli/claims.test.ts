// list / run / verify through main() in-process, against fake claims (fast, failing, crashing).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertOneErrorLine, cli, fakeLab, tempDir } from "./harness.ts";

test("list prints every claim; --json prints only JSON", async () => {
  const lab = fakeLab();
  const r = await cli(["list"], { lab });
  assert.equal(r.code, 0);
  for (const id of ["pass-claim", "fail-claim", "crash-claim"]) assert.match(r.stdout, new RegExp(`${id}\\s+A\\s+000\\s+${id} holds`));
  const j = await cli(["list", "--json"], { lab });
  assert.equal(j.code, 0);
  assert.equal(j.stderr, "");
  assert.deepEqual(JSON.parse(j.stdout)[0], { id: "pass-claim", section: "A", seeds: ["000"], claim: "pass-claim holds" });
});

test("run prints the checks and the verdict, writes the default folder biaslab-out/<id>, exit 0", async () => {
  const cwd = tempDir();
  const r = await cli(["run", "pass-claim", "--quick"], { lab: fakeLab(), cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /distance to the prediction\s+1\.00e-12 <= 1\.00e-8\s+argmin ‖w‖₂ s\.t\. Xw = y\s+min-l1: 0\.5\s+pass/);
  assert.match(r.stdout, /^PASS: 1\/1 claim pass \(1\/1 checks\)$/m);
  const out = join(cwd, "biaslab-out", "pass-claim");
  assert.deepEqual(readdirSync(out).sort(), [".biaslab-out", "figures", "report.html", "result.json", "trace.csv"]);
  assert.deepEqual(readdirSync(join(out, "figures")), ["loss.svg"]);
  assert.match(readFileSync(join(out, "figures", "loss.svg"), "utf8"), /^<svg/);
  const saved = JSON.parse(readFileSync(join(out, "result.json"), "utf8"));
  assert.equal(saved.params.n, 2, "--quick sizes were used");
  assert.match(readFileSync(join(out, "report.html"), "utf8"), /pass-claim/);
  // nothing but the final folder is left in biaslab-out (no temporary siblings)
  assert.deepEqual(readdirSync(join(cwd, "biaslab-out")), ["pass-claim"]);
});

test("run --json prints the Result and nothing else; --set reaches the parameters; a failing check exits 1", async () => {
  const cwd = tempDir();
  const r = await cli(["run", "pass-claim", "--json", "--no-out", "--set", "n=7", "--seed", "3"], { lab: fakeLab(), cwd });
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.equal(result.id, "pass-claim");
  assert.equal(result.params.n, 7);
  assert.equal(result.seed, 3);
  assert.equal(result.checks[0].pass, true);
  assert.deepEqual(readdirSync(cwd), [], "--no-out writes nothing");

  const f = await cli(["run", "pass-claim", "--no-out", "--set", "scale=1"], { lab: fakeLab(), cwd });
  assert.equal(f.code, 1);
  assert.match(f.stdout, /FAIL: 0\/1 claim pass \(0\/1 checks\); failing: pass-claim/);
  const g = await cli(["run", "fail-claim", "--out", "o", "--json"], { lab: fakeLab(), cwd });
  assert.equal(g.code, 1);
  assert.equal(JSON.parse(g.stdout).checks[0].pass, false);
  assert.ok(existsSync(join(cwd, "o", "result.json")), "a failing run still writes its folder");
});

test("run: unknown ids, unknown --set keys, bad values and bad flags are one line, exit 2, nothing written", async () => {
  const cwd = tempDir();
  const lab = fakeLab();
  assertOneErrorLine(await cli(["run", "pass-clam", "--out", "x"], { lab, cwd }), /unknown claim id 'pass-clam' \(did you mean 'pass-claim'\?\); claim ids are: pass-claim, fail-claim, crash-claim/);
  assertOneErrorLine(await cli(["run", "pass-claim", "--set", "bogus=1", "--out", "x"], { lab, cwd }), /unknown parameter bogus; allowed: n, scale/);
  assertOneErrorLine(await cli(["run", "pass-claim", "--set", "n=abc", "--out", "x"], { lab, cwd }), /n expects a number/);
  assertOneErrorLine(await cli(["run", "pass-claim", "--set", "n=-3", "--out", "x"], { lab, cwd }), /pass-claim: invalid parameters: n:/);
  assertOneErrorLine(await cli(["run", "pass-claim", "--set", "n", "--out", "x"], { lab, cwd }), /--set 'n' is not key=value; write --set name=value/);
  assertOneErrorLine(await cli(["run", "pass-claim", "--seed", "-1", "--out", "x"], { lab, cwd }), /option '--seed <n>' argument '-1' is invalid\. expected a non-negative integer; see 'biaslab run --help'/);
  assertOneErrorLine(await cli(["run", "pass-claim", "--bogus"], { lab, cwd }), /unknown option '--bogus'; see 'biaslab run --help'/);
  assertOneErrorLine(await cli(["run"], { lab, cwd }), /missing required argument 'id'; see 'biaslab run --help'/);
  assertOneErrorLine(await cli(["frobnicate"], { lab, cwd }), /unknown command 'frobnicate'; commands are: list, run, verify, solve, train, bench/);
  assert.deepEqual(readdirSync(cwd), []);
});

test("an error inside a claim run with its defaults is a bug: stack, exit 1; with --set values it is the user's: one line, exit 2", async () => {
  const r = await cli(["run", "crash-claim", "--no-out"], { lab: fakeLab() });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /internal error/);
  assert.match(r.stderr, /InternalError: claim crash-claim failed/);
  assert.match(r.stderr, /caused by: RangeError: boom/);
  assert.match(r.stderr, /\n\s+at /, "a stack trace");
  assertOneErrorLine(await cli(["run", "crash-claim", "--no-out", "--set", "n=3"], { lab: fakeLab() }), /crash-claim: boom: the system has no solution; the --set values are outside/);
});

test("--out refuses a folder that is not a biaslab output: one line, exit 2, the folder untouched", async () => {
  const cwd = tempDir();
  mkdirSync(join(cwd, "mine"));
  writeFileSync(join(cwd, "mine", "thesis.tex"), "x");
  assertOneErrorLine(await cli(["run", "pass-claim", "--out", "mine"], { lab: fakeLab(), cwd }), /is not empty and is not a biaslab output/);
  assert.deepEqual(readdirSync(join(cwd, "mine")), ["thesis.tex"]);
  assert.deepEqual(readdirSync(cwd), ["mine"]);
});

test("verify: one row per check, exit 1 when any claim fails (a crash included), 0 when all pass", async () => {
  const cwd = tempDir();
  const lab = fakeLab();
  const r = await cli(["verify", "--quick"], { lab, cwd });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^claim\s+check\s+measured\s+predicted\s+competitor\s+verdict$/m);
  assert.match(r.stdout, /^pass-claim\s+distance to the prediction.*pass$/m);
  assert.match(r.stdout, /^fail-claim\s+distance to the prediction\s+0\.3 <= 1\.00e-8.*FAIL$/m);
  assert.match(r.stdout, /^crash-claim\s+runs to completion.*FAIL$/m);
  assert.match(r.stdout, /FAIL: 1\/3 claims pass \(1\/3 checks\); failing: fail-claim, crash-claim/);
  assert.match(r.stderr, /claim crash-claim stopped with an error:\nRangeError: boom/);
  assert.ok(existsSync(join(cwd, "biaslab-out", "verify", "report.html")));
  assert.equal(JSON.parse(readFileSync(join(cwd, "biaslab-out", "verify", "results.json"), "utf8")).length, 3);

  const ok = await cli(["verify", "--only", "pass-claim", "--json", "--out", "v"], { lab, cwd });
  assert.equal(ok.code, 0, ok.stderr);
  const parsed = JSON.parse(ok.stdout);
  assert.equal(parsed.pass, true);
  assert.deepEqual(parsed.results.map((x: { id: string }) => x.id), ["pass-claim"]);

  assertOneErrorLine(await cli(["verify", "--only", "pass-claim,nope", "--out", "w"], { lab, cwd }), /unknown claim id 'nope'/);
  assertOneErrorLine(await cli(["verify", "--only", ",", "--out", "w"], { lab, cwd }), /--only lists no claim ids/);
  assert.ok(!existsSync(join(cwd, "w")));
});

test("progress goes to stderr only on a terminal and never with --json", async () => {
  const lab = fakeLab();
  await cli(["verify", "--only", "pass-claim,fail-claim", "--no-out"], { lab, tty: true });
  const fractions = lab.progress.map((p) => p.fraction);
  assert.ok(fractions.includes(0.25), `half of the first of two claims is 1/4: ${fractions}`);
  assert.ok(lab.progress.some((p) => p.label === "pass-claim: half"));
  assert.equal(fractions[fractions.length - 1], -1, "the bar is closed");
  const before = lab.progress.length;
  await cli(["verify", "--only", "pass-claim", "--no-out", "--json"], { lab, tty: true });
  await cli(["verify", "--only", "pass-claim", "--no-out"], { lab, tty: false });
  assert.equal(lab.progress.length, before);
});

test("--help works everywhere and exits 0; no command is a usage error", async () => {
  const lab = fakeLab();
  const top = await cli(["--help"], { lab });
  assert.equal(top.code, 0);
  assert.match(top.stdout, /Usage: biaslab/);
  for (const c of ["list", "run", "verify", "solve", "train"]) {
    const r = await cli([c, "--help"], { lab });
    assert.equal(r.code, 0, c);
    assert.match(r.stdout, new RegExp(`Usage: biaslab ${c}`));
  }
  assert.match((await cli(["run", "--help"], { lab })).stdout, /default: biaslab-out\/<id>/);
  assert.match((await cli(["solve", "--help"], { lab })).stdout, /default: the last column/);
  const none = await cli([], { lab });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Usage: biaslab/);
});
