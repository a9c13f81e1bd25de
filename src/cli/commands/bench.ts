// biaslab bench [WORKLOAD ...]: times the optimizer-loop workloads of BENCHMARKS.md; with
// --peers, runs the NumPy peer (../shared/peers/numpy_bench.py) right after each workload in
// the same session, in both of its configurations (OPENBLAS_NUM_THREADS=1 and the default),
// and reports biaslab's iters/s over the faster one's.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import type { BenchResult } from "../../bench/index.ts";
import type { CommandContext } from "../context.ts";
import { UsageError } from "../errors.ts";
import { resolvePath } from "../io.ts";
import { fmt, formatTable } from "../table.ts";

interface BenchOptions {
  scale: string;
  iters?: string;
  simd: boolean;
  json?: boolean;
  peers?: boolean;
  peersDir: string;
  python: string;
}

/** The peer's result for one workload in one configuration. */
export interface PeerResult {
  readonly config: "threads=1" | "default";
  readonly seconds: number;
  readonly iters_per_s: number;
  readonly check: number;
}

/** A result line with the peer comparison (--peers). */
export interface ComparedResult extends BenchResult {
  readonly numpy?: readonly PeerResult[];
  /** biaslab iters/s over the faster NumPy configuration's */
  readonly ratio?: number;
  /** BENCHMARKS.md's minimum ratio */
  readonly target?: number;
  readonly met?: boolean;
}

const INSTALL_HINT = "run 'bash scripts/peers.sh install' (installs python3-numpy and python3-cvxopt with apt-get)";

export function registerBench(program: Command, ctx: CommandContext): void {
  program
    .command("bench")
    .description("time the optimizer-loop workloads of BENCHMARKS.md, optionally side by side with the NumPy peer")
    .argument("[workload...]", "logreg-2d, logreg-gd, sensing-gd, diag-net-gd, relu2-gd (default: all)")
    .option("--scale <K>", "multiply the problem sizes by K, as the peer does", "1")
    .option("--iters <T>", "iterations of each loop instead of the workload's (a smoke run; not with --peers)")
    .option("--no-simd", "use the plain TypeScript kernels even where WebAssembly SIMD is available")
    .option("--json", 'one JSON line per workload: {"workload","scale","iters","seconds","iters_per_s","check","kernels"} (and the peer fields with --peers)')
    .option("--peers", "after each workload, run the NumPy peer with OPENBLAS_NUM_THREADS=1 and with the default, and print biaslab/NumPy iters/s against the faster")
    .option("--peers-dir <dir>", "folder of numpy_bench.py", "../shared/peers")
    .option("--python <path>", "the Python that has NumPy", "/usr/bin/python3")
    .addHelpText(
      "after",
      "\nTimes only the optimizer loop (setup and the check excluded), as the peer does. Compare ratios measured in one\nsession, never absolute times across runs: the machine is shared. Install the peer with 'bash scripts/peers.sh install'.",
    )
    .action(async (names: string[], opts: BenchOptions) => {
      const { io } = ctx;
      const bench = await import("../../bench/index.ts");
      const scale = positiveInt(opts.scale, "--scale");
      const iters = opts.iters === undefined ? undefined : positiveInt(opts.iters, "--iters");
      if (iters !== undefined && opts.peers) throw new UsageError("--iters cannot be combined with --peers", "the peer runs each workload's own iteration count");
      const chosen = (names.length ? names : bench.workloadNames).map((name) => {
        const w = bench.findWorkload(name);
        if (!w) throw new UsageError(`unknown workload '${name}'`, `workloads are: ${bench.workloadNames.join(", ")}`);
        return w;
      });
      const peer = opts.peers ? peerRunner(resolvePath(io, opts.peersDir), opts.python) : undefined;

      const results: ComparedResult[] = [];
      for (const w of chosen) {
        if (io.stderr.isTTY && !opts.json) io.stderr.write(`bench: ${w.name} at scale ${scale}…\n`);
        const ours = bench.runWorkload(w, scale, { iters, simd: opts.simd });
        let line: ComparedResult = ours;
        if (peer) {
          const numpy = [peer(w.name, scale, "threads=1"), peer(w.name, scale, "default")];
          const best = Math.max(...numpy.map((p) => p.iters_per_s));
          const ratio = Math.round((ours.iters_per_s / best) * 100) / 100;
          line = { ...ours, numpy, ratio, target: w.target, met: ratio >= w.target };
        }
        results.push(line);
        if (opts.json) io.stdout.write(`${JSON.stringify(line)}\n`);
      }
      if (!opts.json) io.stdout.write(table(results, peer !== undefined));
    });
}

function positiveInt(s: string, flag: string): number {
  const v = Number(s);
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`${flag} must be a positive integer, got '${s}'`, `e.g. ${flag} 2`);
  return v;
}

/**
 * Checks that the peer can run (Python with NumPy, the script) and returns a function that runs
 * it on one workload in one configuration. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which some
 * machines set for old OpenBLAS builds and which slow a current one, are unset for the peer alone.
 */
function peerRunner(dir: string, python: string): (workload: string, scale: number, config: PeerResult["config"]) => PeerResult {
  const script = join(dir, "numpy_bench.py");
  const probe = spawnSync(python, ["-c", "import numpy"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? `${python} cannot be run (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})` : `${python} has no NumPy`;
    throw new UsageError(`--peers needs Python with NumPy: ${why}`, INSTALL_HINT);
  }
  if (!existsSync(script)) throw new UsageError(`--peers: no numpy_bench.py in ${dir}`, "point --peers-dir at the folder of the peers (default ../shared/peers)");
  return (workload, scale, config) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    if (config === "threads=1") env.OPENBLAS_NUM_THREADS = "1";
    else delete env.OPENBLAS_NUM_THREADS;
    const r = spawnSync(python, [script, workload, "--scale", String(scale)], { encoding: "utf8", env, maxBuffer: 1 << 20 });
    const last = (r.stdout ?? "").trim().split("\n").pop() ?? "";
    if (r.error || r.status !== 0 || !last.startsWith("{")) {
      const why = r.error ? r.error.message : (r.stderr ?? "").trim().split("\n").pop() || `exit code ${r.status}`;
      throw new UsageError(`the NumPy peer failed on ${workload} (${config}): ${why}`, INSTALL_HINT);
    }
    const j = JSON.parse(last) as { seconds: number; iters_per_s: number; check: number };
    return { config, seconds: j.seconds, iters_per_s: j.iters_per_s, check: j.check };
  };
}

function table(results: readonly ComparedResult[], peers: boolean): string {
  const head = ["workload", "scale", "iters", "seconds", "iters/s", "check", "kernels"];
  if (peers) head.push("NumPy iters/s (1 thread)", "NumPy iters/s (default)", "NumPy check", "ratio", "target", "met");
  const rows = results.map((r) => {
    const row = [r.workload, String(r.scale), String(r.iters), fmt(r.seconds), String(Math.round(r.iters_per_s)), String(r.check), r.kernels];
    if (r.numpy) {
      const [one, def] = r.numpy;
      row.push(String(Math.round(one.iters_per_s)), String(Math.round(def.iters_per_s)), String(one.check), `${r.ratio}×`, `≥ ${r.target}×`, r.met ? "yes" : "no");
    }
    return row;
  });
  return formatTable([head, ...rows]);
}
