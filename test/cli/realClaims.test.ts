// run and verify against the real claim registry (one fast claim, --quick).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { assertOneErrorLine, cli, tempDir } from "./harness.ts";

test("run ls-gd-min-norm --quick --json: a passing Result; verify --only writes results and the report", async () => {
  const cwd = tempDir();
  const r = await cli(["run", "ls-gd-min-norm", "--quick", "--json", "--no-out"], { cwd });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const result = JSON.parse(r.stdout);
  assert.equal(result.id, "ls-gd-min-norm");
  assert.equal(result.quick, true);
  assert.ok(result.checks.length > 0 && result.checks.every((c: { pass: boolean }) => c.pass));

  const v = await cli(["verify", "--quick", "--only", "ls-gd-min-norm", "--out", "v"], { cwd });
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, /^PASS: 1\/1 claim pass/m);
  assert.ok(existsSync(join(cwd, "v", "report.html")));
  assert.equal(JSON.parse(readFileSync(join(cwd, "v", "result.json"), "utf8")).id, "ls-gd-min-norm");

  assertOneErrorLine(await cli(["run", "ls-gd-min-norm", "--quick", "--set", "nope=1"], { cwd }), /unknown parameter nope; allowed: /);
});
