import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir, writeFiles } from "../cli/harness.ts";

const KEYS = ["workload", "scale", "iters", "seconds", "iters_per_s", "check", "kernels"];

test("bench --json prints one JSON line per workload with the peer's keys, in the order asked", async () => {
  const r = await cli(["bench", "diag-net-gd", "logreg-2d", "--iters", "5", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  const lines = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => l.workload), ["diag-net-gd", "logreg-2d"]);
  for (const l of lines) {
    assert.deepEqual(Object.keys(l), KEYS);
    assert.equal(l.scale, 1);
    assert.equal(l.iters, 5);
    for (const k of ["seconds", "iters_per_s", "check"]) assert.equal(typeof l[k], "number");
  }
});

test("bench without --json prints a table of every workload", async () => {
  const r = await cli(["bench", "--iters", "2"]);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trimEnd().split("\n");
  assert.match(rows[0], /^workload\s+scale\s+iters\s+seconds\s+iters\/s\s+check\s+kernels$/);
  assert.deepEqual(rows.slice(2).map((l) => l.split(/\s+/)[0]), ["logreg-2d", "logreg-gd", "sensing-gd", "diag-net-gd", "relu2-gd"]);
});

test("bench: bad input is one line and exit 2", async () => {
  for (const [argv, pattern] of [
    [["bench", "nope"], /unknown workload 'nope'; workloads are: logreg-2d, logreg-gd, sensing-gd, diag-net-gd, relu2-gd/],
    [["bench", "--scale", "0"], /--scale must be a positive integer, got '0'/],
    [["bench", "--scale", "1.5"], /--scale must be a positive integer/],
    [["bench", "--iters", "2", "--peers"], /--iters cannot be combined with --peers/],
    [["bench", "logreg-2d", "--peers", "--python", "/nonexistent/python3"], /--peers needs Python with NumPy: \/nonexistent\/python3 cannot be run \(ENOENT\); run 'bash scripts\/peers\.sh install'/],
  ] as const) {
    const r = await cli([...argv]);
    assert.equal(r.code, 2, `${argv.join(" ")}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, pattern);
  }
});

/**
 * A stand-in for /usr/bin/python3 + numpy_bench.py: answers the NumPy probe, and reports 400 iters/s
 * with one OpenBLAS thread and 100 with the default; it fails if OPENBLAS_CORETYPE or _L2_SIZE reach it.
 */
function fakePython(dir: string, numpy = true): string {
  const path = join(dir, "python3");
  writeFiles(dir, {
    python3: `#!/bin/sh
if [ "$1" = "-c" ]; then ${numpy ? "exit 0" : 'echo "ModuleNotFoundError: No module named numpy" >&2; exit 1'}; fi
if [ -n "$OPENBLAS_CORETYPE$OPENBLAS_L2_SIZE" ]; then echo "OPENBLAS_CORETYPE leaked" >&2; exit 3; fi
if [ "$OPENBLAS_NUM_THREADS" = "1" ]; then ips=400.0; else ips=100.0; fi
echo "{\\"workload\\": \\"$2\\", \\"scale\\": $4, \\"iters\\": 200000, \\"seconds\\": 1.0, \\"iters_per_s\\": $ips, \\"check\\": 0.105}"
`,
  });
  chmodSync(path, 0o755);
  return path;
}

test("bench --peers runs the peer in both OpenBLAS configurations with the core-type variables unset and divides by the faster", async () => {
  const dir = tempDir();
  mkdirSync(join(dir, "peers"));
  writeFiles(join(dir, "peers"), { "numpy_bench.py": "# stand-in\n" });
  const python = fakePython(dir);
  const saved = [process.env.OPENBLAS_CORETYPE, process.env.OPENBLAS_L2_SIZE];
  process.env.OPENBLAS_CORETYPE = "Haswell";
  process.env.OPENBLAS_L2_SIZE = "512";
  try {
    const r = await cli(["bench", "logreg-2d", "--peers", "--peers-dir", "peers", "--python", python, "--json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const line = JSON.parse(r.stdout) as Record<string, unknown> & { numpy: { config: string; iters_per_s: number; check: number }[]; ratio: number; iters_per_s: number };
    assert.deepEqual(Object.keys(line).slice(0, KEYS.length), KEYS);
    assert.deepEqual(line.numpy.map((p) => [p.config, p.iters_per_s, p.check]), [["threads=1", 400, 0.105], ["default", 100, 0.105]]);
    assert.equal(line.ratio, Math.round((line.iters_per_s / 400) * 100) / 100);
    assert.equal(line.target, 10);
    assert.equal(line.met, line.ratio >= 10);

    const t = await cli(["bench", "logreg-2d", "--peers", "--peers-dir", "peers", "--python", python], { cwd: dir });
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout.split("\n")[0], /NumPy iters\/s \(1 thread\)\s+NumPy iters\/s \(default\)\s+NumPy check\s+ratio\s+target\s+met$/);
    assert.match(t.stdout.split("\n")[2], /^logreg-2d\s.*\s400\s+100\s+0\.105\s+[\d.]+×\s+≥ 10×\s+(yes|no)$/);
  } finally {
    if (saved[0] === undefined) delete process.env.OPENBLAS_CORETYPE;
    else process.env.OPENBLAS_CORETYPE = saved[0];
    if (saved[1] === undefined) delete process.env.OPENBLAS_L2_SIZE;
    else process.env.OPENBLAS_L2_SIZE = saved[1];
  }
});

test("bench --peers: Python without NumPy, or no peer script, is one line and exit 2", async () => {
  const dir = tempDir();
  const noNumpy = await cli(["bench", "logreg-2d", "--peers", "--python", fakePython(dir, false)], { cwd: dir });
  assert.equal(noNumpy.code, 2);
  assert.match(noNumpy.stderr, /^biaslab: error: --peers needs Python with NumPy: .*python3 has no NumPy; run 'bash scripts\/peers\.sh install'/);
  const dir2 = tempDir();
  const noScript = await cli(["bench", "logreg-2d", "--peers", "--peers-dir", "nowhere", "--python", fakePython(dir2)], { cwd: dir2 });
  assert.equal(noScript.code, 2);
  assert.match(noScript.stderr, /^biaslab: error: --peers: no numpy_bench\.py in .*nowhere; point --peers-dir/);
});
