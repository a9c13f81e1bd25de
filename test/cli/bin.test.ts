// The real executable: bin/biaslab.mjs in a child process, its exit codes and streams.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { tempDir, writeFiles } from "./harness.ts";

const BIN = fileURLToPath(new URL("../../bin/biaslab.mjs", import.meta.url));

function biaslab(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("bin: an unknown command exits 2 with one line on stderr", () => {
  const r = biaslab(["frobnicate"], tempDir());
  assert.equal(r.status, 2);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, "biaslab: error: unknown command 'frobnicate'; commands are: list, run, verify, solve, train, bench, serve (see 'biaslab --help')\n");
});

test("bin: solve --json on a tiny system exits 0 with JSON on stdout; malformed data exits 2 and writes nothing", () => {
  const cwd = tempDir();
  writeFiles(cwd, { "tiny.csv": "x1,x2,x3,y\n1,0,1,1\n0,1,1,2\n", "bad.csv": "x1,y\n1,2\n3,oops\n" });
  const ok = biaslab(["solve", "min-l2", "--data", "tiny.csv", "--json"], cwd);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stderr, "");
  const j = JSON.parse(ok.stdout);
  [0, 1, 1].forEach((v, i) => assert.ok(Math.abs(j.solution[i] - v) < 1e-12));

  const bad = biaslab(["train", "--data", "bad.csv", "--optimizer", "gd", "--out", "o"], cwd);
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, "");
  assert.equal(bad.stderr.trim().split("\n").length, 1);
  assert.match(bad.stderr, /^biaslab: error: bad\.csv line 3, column 'y': 'oops' is not a number; /);
  assert.ok(!existsSync(join(cwd, "o")));
});

test("bin: list --json shows the registered claims", () => {
  const r = biaslab(["list", "--json"], tempDir());
  assert.equal(r.status, 0, r.stderr);
  const claims = JSON.parse(r.stdout) as { id: string; section: string; seeds: string[]; claim: string }[];
  assert.ok(claims.some((c) => c.id === "ls-gd-min-norm"));
  for (const c of claims) assert.ok(c.claim.length > 0 && c.seeds.length > 0 && /^[A-D]$/.test(c.section), c.id);
});
