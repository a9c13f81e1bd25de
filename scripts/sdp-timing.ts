// Timing of the SDP reference solver on BENCHMARKS.md's `nuclear-psd` instance: min tr X s.t. ⟨Aᵢ, X⟩ = yᵢ, X ⪰ 0
// with n = 30, m = 200 symmetric Gaussian Aᵢ = (G + Gᵀ)/2 and a rank-2 truth X* = ZZᵀ.
//
//   npx tsx scripts/sdp-timing.ts [--repeats N] [--seed S] [--tol T]   our own instance (Rng), solver tolerance T
//   npx tsx scripts/sdp-timing.ts --peers DIR                  the instance cvxopt_bench.py wrote to DIR
//   npx tsx scripts/sdp-timing.ts --cvxopt [--runs K]          run /work/shared/peers/cvxopt_bench.py nuclear-psd K
//                                                              times (fresh processes), then solve its instance
// Prints the first (cold: includes V8's compilation) and the median of the following (warm) solve times, the
// iterations, the trace and the certificate; with CVXOPT, its optimum and times and the ratios.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { Matrix } from "../src/linalg/index.ts";
import { Rng } from "../src/random/index.ts";
import { nuclearNormPsd } from "../src/references/sdp/index.ts";

interface Instance {
  readonly A: Matrix[];
  readonly y: Float64Array;
  readonly truthTrace?: number;
  readonly source: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function ownInstance(seed: number): Instance {
  const rng = new Rng(seed);
  const n = 30, m = 200, r = 2;
  const A = Array.from({ length: m }, () => {
    const G = new Matrix(n, n);
    rng.fillNormal(G.data);
    const S = new Matrix(n, n);
    for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) S.data[p * n + q] = 0.5 * (G.data[p * n + q] + G.data[q * n + p]);
    return S;
  });
  const Z = new Matrix(n, r);
  rng.fillNormal(Z.data);
  const X = new Matrix(n, n);
  for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) for (let k = 0; k < r; k++) X.data[p * n + q] += Z.data[p * r + k] * Z.data[q * r + k];
  const y = Float64Array.from(A, (Ai) => Ai.data.reduce((s, v, t) => s + v * X.data[t], 0));
  let truthTrace = 0;
  for (let p = 0; p < n; p++) truthTrace += X.data[p * n + p];
  return { A, y, truthTrace, source: `Rng(${seed})` };
}

function readCsv(path: string): number[][] {
  return readFileSync(path, "utf8").trim().split("\n").map((line) => line.split(",").map(Number));
}

function peerInstance(dir: string): Instance {
  const rows = readCsv(`${dir}/nuclear-psd-A.csv`);
  const y = Float64Array.from(readCsv(`${dir}/nuclear-psd-y.csv`), (r) => r[0]);
  const n = Math.round(Math.sqrt(rows[0].length));
  if (n * n !== rows[0].length || rows.length !== y.length) throw new Error(`${dir}: A has rows of ${rows[0].length} entries and ${rows.length} rows, y has ${y.length}`);
  return { A: rows.map((r) => new Matrix(n, n, Float64Array.from(r))), y, source: dir };
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
}

function solveTimed(inst: Instance, repeats: number, tol: number) {
  const times: number[] = [];
  let sol;
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    sol = nuclearNormPsd(inst.A, inst.y, { tol });
    times.push((performance.now() - t0) / 1000);
  }
  return { sol: sol!, cold: times[0], warm: times.length > 1 ? median(times.slice(1)) : NaN };
}

const repeats = Number(arg("--repeats") ?? 6);
const tol = Number(arg("--tol") ?? 1e-9);
let peer: { seconds: number[]; trace: number } | undefined;
let inst: Instance;
if (process.argv.includes("--cvxopt")) {
  const runs = Number(arg("--runs") ?? 5);
  const dir = arg("--out") ?? "/tmp/biaslab-peers";
  const seconds: number[] = [];
  let trace = NaN;
  for (let k = 0; k < runs; k++) {
    const out = execFileSync("/usr/bin/python3", ["/work/shared/peers/cvxopt_bench.py", "nuclear-psd", "--out", dir], { encoding: "utf8" });
    const res = JSON.parse(out.trim().split("\n").pop()!);
    seconds.push(res.seconds);
    trace = res.trace;
  }
  peer = { seconds, trace };
  inst = peerInstance(dir);
} else if (arg("--peers")) {
  inst = peerInstance(arg("--peers")!);
} else {
  inst = ownInstance(Number(arg("--seed") ?? 0));
}

const { sol, cold, warm } = solveTimed(inst, repeats, tol);
const c = sol.certificate;
const trace = c.primalObjective;
const report: Record<string, unknown> = {
  workload: "nuclear-psd",
  instance: inst.source,
  n: inst.A[0].rows,
  m: inst.A.length,
  tol,
  iterations: c.iterations,
  coldSeconds: +cold.toFixed(4),
  warmSeconds: +warm.toFixed(4),
  trace,
  certificate: { ok: c.ok, primalResidual: c.primalResidual, dualResidual: c.dualResidual, dualityGap: c.dualityGap, dualObjective: c.dualObjective },
};
if (inst.truthTrace !== undefined) report.relErrToTruthTrace = Math.abs(trace - inst.truthTrace) / inst.truthTrace;
if (peer) {
  const peerSeconds = median(peer.seconds);
  report.cvxopt = { trace: peer.trace, seconds: peer.seconds, medianSeconds: peerSeconds };
  report.relDiffToCvxopt = Math.abs(trace - peer.trace) / Math.abs(peer.trace);
  report.coldOverCvxopt = +(cold / peerSeconds).toFixed(2);
  report.warmOverCvxopt = +(warm / peerSeconds).toFixed(2);
}
console.log(JSON.stringify(report, null, 2));
