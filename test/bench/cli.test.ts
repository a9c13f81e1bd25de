import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir, writeFiles } from "../cli/harness.ts";
import { separableExamples } from "../../src/bench/index.ts";
import { Rng } from "../../src/random/index.ts";

const KEYS = ["workload", "scale", "iters", "seconds", "iters_per_s", "check", "kernels", "threads"];

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
  assert.match(rows[0], /^workload\s+scale\s+iters\s+seconds\s+iters\/s\s+check\s+kernels\s+threads$/);
  assert.deepEqual(rows.slice(2).map((l) => l.split(/\s+/)[0]), ["logreg-2d", "logreg-gd", "sensing-gd", "diag-net-gd", "relu2-gd"]);
});

test("bench: bad input is one line and exit 2", async () => {
  for (const [argv, pattern] of [
    [["bench", "nope"], /unknown workload 'nope'; workloads are: logreg-2d, logreg-gd, sensing-gd, diag-net-gd, relu2-gd, svm-l2, nuclear-psd, margin-solvers, flow-vs-gd\n$/],
    [["bench", "flow-vs-gd", "--scale", "2"], /flow-vs-gd runs at sensing-gd's one size to a loss target, without a peer: --scale, --iters and --peers do not apply/],
    [["bench", "flow-vs-gd", "--iters", "3"], /--scale, --iters and --peers do not apply; run 'bench flow-vs-gd' alone/],
    [["bench", "svm-l2", "--scale", "2"], /svm-l2 is a solver workload at the peer's one size: --scale 2 applies to the loops only/],
    [["bench", "nuclear-psd", "--iters", "3"], /nuclear-psd is a solver workload: --iters applies to the loops only/],
    [["bench", "svm-l2", "--repeats", "-1"], /--repeats must be a non-negative integer, got '-1'/],
    [["bench", "logreg-2d", "--rounds", "4"], /--rounds 4: the count must be odd; the median of an odd count is one round/],
    [["bench", "logreg-2d", "--rounds", "0"], /--rounds must be a positive integer, got '0'/],
    [["bench", "svm-l2", "--instances", "nowhere"], /svm-l2: no svm-l2\.csv in .*nowhere; cvxopt_bench\.py svm-l2 --out DIR writes it/],
    [["bench", "svm-l2", "--instances", ".", "--peers"], /--instances cannot be combined with --peers/],
    [["bench", "margin-solvers", "--scale", "2"], /margin-solvers runs on svm-l2's data at the peer's one size: --scale 2 applies to the loops only/],
    [["bench", "margin-solvers", "--max-seconds", "0"], /--max-seconds must be a positive number, got '0'/],
    [["bench", "svm-l2", "--max-seconds", "5"], /--max-seconds applies to margin-solvers and flow-vs-gd only; name one/],
    [["bench", "margin-solvers", "--peers"], /margin-solvers has no peer: --peers cannot be combined with it; to race on the CVXOPT peer's instance/],
    [["bench", "margin-solvers", "--instances", "nowhere"], /margin-solvers: no svm-l2\.csv in .*nowhere; cvxopt_bench\.py svm-l2 --out DIR writes it/],
    [["bench", "--scale", "0"], /--scale must be a positive integer, got '0'/],
    [["bench", "--scale", "1.5"], /--scale must be a positive integer/],
    [["bench", "--iters", "2", "--peers"], /--iters cannot be combined with --peers/],
    [["bench", "logreg-gd", "--threads", "3"], /--threads 3: at most 2; use --threads 1, 2 or auto/],
    [["bench", "logreg-gd", "--threads", "0"], /--threads must be a positive integer, got '0'/],
    [["bench", "logreg-gd", "--threads", "2", "--no-simd"], /--threads 2 cannot be combined with --no-simd/],
    [["bench", "margin-solvers", "--browser"], /margin-solvers runs in Node only: --browser times the loops and the solvers; run it without --browser/],
    [["bench", "flow-vs-gd", "--browser"], /flow-vs-gd runs in Node only: --browser times the loops and the solvers/],
    [["bench", "logreg-2d", "--browser", "--chromium", "/nonexistent/chromium"], /--browser needs Chromium, and there is none at \/nonexistent\/chromium; install it with 'bash scripts\/browser\.sh'/],
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

test("bench --rounds alternates the loop and its peer R times and reports the median round with every round's numbers", async () => {
  const dir = tempDir();
  mkdirSync(join(dir, "peers"));
  writeFiles(join(dir, "peers"), { "numpy_bench.py": "# stand-in\n" });
  // a peer that gets faster on every call (k-th call: 100k iters/s with one thread, 50 with the default), so the rounds differ
  const python = join(dir, "python3");
  writeFiles(dir, {
    python3: `#!/bin/sh
if [ "$1" = "-c" ]; then exit 0; fi
n=$(cat "${join(dir, "calls")}" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "${join(dir, "calls")}"
if [ "$OPENBLAS_NUM_THREADS" = "1" ]; then ips=$((100 * n)); else ips=50; fi
echo "{\\"workload\\": \\"$2\\", \\"scale\\": $4, \\"iters\\": 200000, \\"seconds\\": 1.0, \\"iters_per_s\\": $ips, \\"check\\": 0.105}"
`,
  });
  chmodSync(python, 0o755);
  const r = await cli(["bench", "logreg-2d", "--peers", "--peers-dir", "peers", "--python", python, "--rounds", "3", "--json"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  type Round = { iters_per_s: number; threads: number; numpy_iters_per_s: number; ratio: number };
  const line = JSON.parse(r.stdout) as { iters_per_s: number; ratio: number; met: boolean; numpy: { iters_per_s: number }[]; rounds: Round[] };
  assert.deepEqual(Object.keys(line).slice(0, KEYS.length), KEYS);
  // round k ran after the peer's calls 2k − 1 (one thread) and 2k (default): the faster is 100(2k − 1)
  assert.deepEqual(line.rounds.map((k) => k.numpy_iters_per_s), [100, 300, 500]);
  for (const k of line.rounds) assert.equal(k.ratio, Math.round((k.iters_per_s / k.numpy_iters_per_s) * 100) / 100);
  const median = line.rounds.map((k) => k.ratio).sort((a, b) => a - b)[1];
  assert.equal(line.ratio, median);
  const mid = line.rounds.find((k) => k.ratio === median)!;
  assert.equal(line.iters_per_s, mid.iters_per_s, "the line is the median round's");
  assert.equal(line.numpy[0].iters_per_s, mid.numpy_iters_per_s);
  assert.equal(line.met, median >= 10);

  const t = await cli(["bench", "logreg-2d", "--iters", "50", "--rounds", "3"], { cwd: dir });
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout.split("\n")[0], /threads\s+iters\/s of each round$/);
  assert.match(t.stdout.split("\n")[2], /\s\d+, \d+, \d+$/);
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

/** A small svm-l2 instance (n = 60, d = 3, gap 0.2) and a nuclear-psd one (n = 4, m = 10, rank 1), as cvxopt_bench.py writes them. */
function solverCsvs(): Record<string, string> {
  const rng = new Rng(3);
  const { X, y } = separableExamples(rng, 60, 3, 0.2);
  const svm = Array.from({ length: 60 }, (_, i) => [...X.row(i), y[i]].map((v) => v.toExponential(18)).join(",")).join("\n") + "\n";
  const n = 4, m = 10;
  const z = rng.fillNormal(new Float64Array(n));
  const rows: string[] = [], ys: string[] = [];
  for (let k = 0; k < m; k++) {
    const G = rng.fillNormal(new Float64Array(n * n));
    const A = Array.from({ length: n * n }, (_, p) => 0.5 * (G[p] + G[(p % n) * n + Math.floor(p / n)]));
    let t = 0;
    for (let p = 0; p < n * n; p++) t += A[p] * z[Math.floor(p / n)] * z[p % n];
    rows.push(A.map((v) => v.toExponential(18)).join(","));
    ys.push(t.toExponential(18));
  }
  return { "svm-l2.csv": svm, "nuclear-psd-A.csv": rows.join("\n") + "\n", "nuclear-psd-y.csv": ys.join("\n") + "\n" };
}

test("bench svm-l2 nuclear-psd --instances DIR: one JSON line each with the seconds, the peer's answer keys and a certificate", async () => {
  const dir = tempDir();
  writeFiles(dir, solverCsvs());
  const r = await cli(["bench", "svm-l2", "nuclear-psd", "--instances", ".", "--repeats", "1", "--json"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const [svm, nuc] = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown> & { certificate: Record<string, unknown> });
  assert.deepEqual(Object.keys(svm), ["workload", "seconds", "warm_seconds", "instance", "kernels", "status", "norm_w", "margin", "support_vectors", "certificate"]);
  assert.deepEqual(Object.keys(nuc), ["workload", "seconds", "warm_seconds", "instance", "kernels", "status", "trace", "certificate"]);
  for (const l of [svm, nuc]) {
    assert.equal(l.instance, "peer");
    assert.equal(l.status, "optimal");
    assert.equal(l.certificate.ok, true);
    assert.ok((l.seconds as number) > 0 && (l.warm_seconds as number) > 0);
  }
  // the margin is at least the gap the data were drawn with, and ‖w‖ = 1/margin
  assert.ok((svm.margin as number) >= 0.2);
  assert.ok(Math.abs((svm.norm_w as number) * (svm.margin as number) - 1) < 1e-9);
  // the table names both, with their optimum
  const t = await cli(["bench", "svm-l2", "nuclear-psd", "--instances", ".", "--repeats", "0", "--no-simd"], { cwd: dir });
  assert.equal(t.code, 0, t.stderr);
  const rows = t.stdout.trimEnd().split("\n");
  assert.match(rows[0], /^workload\s+instance\s+seconds\s+warm seconds\s+status\s+optimum\s+certified\s+kernels$/);
  assert.match(rows[2], /^svm-l2\s+peer\s+\S+\s+optimal\s+margin 0\.\d+\s+yes\s+plain$/);
  assert.match(rows[3], /^nuclear-psd\s+peer\s+\S+\s+optimal\s+trace \d/);
});

test("bench: a malformed instance file is one line and exit 2", async () => {
  const dir = tempDir();
  writeFiles(dir, { ...solverCsvs(), "svm-l2.csv": "1,2,1\n3,x,-1\n", "nuclear-psd-y.csv": "1\n2\n" });
  const bad = await cli(["bench", "svm-l2", "--instances", "."], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^biaslab: error: svm-l2\.csv: line 2, field 2 is 'x', not a finite number; see 'biaslab bench --help'\n$/);
  const short = await cli(["bench", "nuclear-psd", "--instances", "."], { cwd: dir });
  assert.equal(short.code, 2);
  assert.match(short.stderr, /^biaslab: error: nuclear-psd-y\.csv: need 10 rows of one number/);
  writeFiles(dir, { "svm-l2.csv": "1,2,0.5\n" });
  const label = await cli(["bench", "svm-l2", "--instances", "."], { cwd: dir });
  assert.equal(label.code, 2);
  assert.match(label.stderr, /svm-l2\.csv: line 1 has label 0\.5, labels must be −1 or \+1/);
});

/** A stand-in for python3 + cvxopt_bench.py: answers the probe, writes the instance files to --out and prints CVXOPT's line. */
function fakeCvxopt(dir: string, files: Record<string, string>, answers: Record<string, string>): string {
  const path = join(dir, "python3");
  const writes = Object.entries(files).map(([f, text]) => `cat > "$out/${f}" <<'EOF'\n${text}EOF`).join("\n");
  writeFiles(dir, {
    python3: `#!/bin/sh
if [ "$1" = "-c" ]; then exit 0; fi
if [ -n "$OPENBLAS_CORETYPE$OPENBLAS_L2_SIZE" ]; then echo "OPENBLAS_CORETYPE leaked" >&2; exit 3; fi
out="$4"
${writes}
case "$2" in
${Object.entries(answers).map(([w, line]) => `  ${w}) echo '${line}' ;;`).join("\n")}
esac
`,
  });
  chmodSync(path, 0o755);
  return path;
}

test("bench --peers on the solvers: CVXOPT writes the instance, biaslab solves it, time ratio and relative difference of the optimum", async () => {
  const dir = tempDir();
  mkdirSync(join(dir, "peers"));
  writeFiles(join(dir, "peers"), { "cvxopt_bench.py": "# stand-in\n" });
  const files = solverCsvs();
  // our own solve of the same instance gives the optimum the stand-in should report
  const own = await cli(["bench", "svm-l2", "--instances", ".", "--repeats", "0", "--json"], { cwd: (writeFiles(dir, files), dir) });
  const margin = (JSON.parse(own.stdout) as { margin: number }).margin;
  const python = fakeCvxopt(dir, files, {
    "svm-l2": `{"workload": "svm-l2", "seconds": 1000.0, "status": "optimal", "norm_w": ${1 / margin}, "margin": ${margin * (1 + 1e-12)}}`,
    "nuclear-psd": '{"workload": "nuclear-psd", "seconds": 1e-9, "status": "optimal", "trace": 123.0, "rel_err_to_truth": 1e-12}',
  });
  const r = await cli(["bench", "svm-l2", "nuclear-psd", "--peers", "--peers-dir", "peers", "--python", python, "--repeats", "0", "--json"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const [svm, nuc] = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown> & { cvxopt: Record<string, unknown> });
  assert.equal(svm.instance, "peer");
  assert.equal(svm.cvxopt.seconds, 1000);
  assert.equal(svm.seconds_ratio, Math.round(((svm.seconds as number) / 1000) * 100) / 100);
  assert.ok((svm.rel_diff as number) < 1e-11);
  assert.equal(svm.target, 2);
  assert.equal(svm.agreement, 1e-8);
  assert.equal(svm.met, true);
  // a CVXOPT that is far faster and reports another optimum: not met, and the difference shows
  assert.equal(nuc.met, false);
  assert.ok((nuc.rel_diff as number) > 0.1);
  assert.equal(nuc.target, 3);
  assert.equal(nuc.warm_ratio, null);
  const t = await cli(["bench", "svm-l2", "--peers", "--peers-dir", "peers", "--python", python, "--repeats", "0"], { cwd: dir });
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout.split("\n")[0], /CVXOPT seconds\s+CVXOPT optimum\s+time ratio\s+target\s+rel\. diff\s+met$/);
  assert.match(t.stdout.split("\n")[2], /^svm-l2\s+peer\s.*\s1000\s+margin 0\.\d+\s+[\d.]+×\s+≤ 2×\s+\S+\s+yes$/);
});

test("bench --peers on a solver without CVXOPT is one line and exit 2", async () => {
  const dir = tempDir();
  writeFiles(dir, { python3: '#!/bin/sh\nif [ "$1" = "-c" ]; then echo "No module named cvxopt" >&2; exit 1; fi\n' });
  chmodSync(join(dir, "python3"), 0o755);
  const r = await cli(["bench", "nuclear-psd", "--peers", "--python", join(dir, "python3")], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^biaslab: error: --peers needs Python with CVXOPT: .*python3 has no CVXOPT; run 'bash scripts\/peers\.sh install'/);
});

test("bench margin-solvers --instances DIR --iters T: one JSON line with the reference's seconds and margin and each method's race, capped at T", async () => {
  const dir = tempDir();
  writeFiles(dir, solverCsvs());
  const r = await cli(["bench", "margin-solvers", "--instances", ".", "--iters", "7", "--json"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assert.equal(lines.length, 1);
  const j = JSON.parse(lines[0]) as { workload: string; seconds: number; reference_margin: number; instance: string; methods: { name: string; iters: number; margin: number; relative_gap: number; reached: boolean }[] };
  assert.equal(j.workload, "margin-solvers");
  assert.equal(j.instance, "peer");
  assert.equal(typeof j.seconds, "number");
  assert.ok(j.reference_margin >= 0.2, `γ* = ${j.reference_margin} below the instance's gap 0.2`);
  assert.deepEqual(j.methods.map((m) => m.name), ["loss-scaled-gd", "dual-accelerated"]);
  for (const m of j.methods) {
    assert.deepEqual(Object.keys(m), ["name", "iters", "seconds", "margin", "relative_gap", "reached"]);
    assert.ok(m.iters <= 7);
    assert.equal(m.reached, m.relative_gap <= 1e-6);
    assert.equal(m.relative_gap, (j.reference_margin - m.margin) / j.reference_margin);
  }
  const t = await cli(["bench", "margin-solvers", "--instances", ".", "--iters", "5", "--max-seconds", "20", "--no-simd"], { cwd: dir });
  assert.equal(t.code, 0, t.stderr);
  const rows = t.stdout.trimEnd().split("\n");
  assert.match(rows[0], /^margin-solvers \(peer instance, plain\)$/);
  assert.match(rows[3], /^reference \(hardMarginSvm\)\s+\S+\s+0\.\d+\s+certified$/);
  assert.deepEqual(rows.slice(4).map((l) => l.split(/\s+/)[0]), ["loss-scaled-gd", "dual-accelerated"]);
});
