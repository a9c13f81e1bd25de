// biaslab bench [WORKLOAD ...]: times the workloads of BENCHMARKS.md. Optimizer loops: with --peers,
// runs the NumPy peer (../shared/peers/numpy_bench.py) right after each workload in the same session,
// in both of its configurations (OPENBLAS_NUM_THREADS=1 and the default), and reports biaslab's iters/s
// over the faster one's. Reference solvers (svm-l2, nuclear-psd): with --peers, runs cvxopt_bench.py,
// which writes its instance as CSV, solves the same instance, and compares time and optimum.
// Beyond the peers (margin-solvers, run only when named): the reference solver's margin on svm-l2's
// data, then first-order methods raced to it (--iters caps their iterations).
// --threads auto (the default with SIMD): the four larger loops on two threads (../../bench/threads/programs.ts) when
// a second core is idle just before the loop starts, else on one; --threads 1 or 2 fixes the count.
// --browser: the loops and solvers run in headless Chromium's Web Worker instead (../browserBench.ts),
// the loops on two threads when --threads says so, as in Node.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import type { BenchResult, FlowVsGdResult, MarginSolversResult, RaceWorkload, SolverResult, SolverWorkload, Workload } from "../../bench/index.ts";
import type { CommandContext } from "../context.ts";
import { DEFAULT_CHROMIUM, openBrowserBench } from "../browserBench.ts";
import { UsageError } from "../errors.ts";
import { resolvePath } from "../io.ts";
import { fmt, formatTable } from "../table.ts";

interface BenchOptions {
  scale: string;
  iters?: string;
  repeats: string;
  rounds: string;
  maxSeconds?: string;
  simd: boolean;
  threads?: string;
  json?: boolean;
  peers?: boolean;
  instances?: string;
  peersDir: string;
  python: string;
  browser?: boolean;
  chromium: string;
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
  /** threads the loop ran on (1 or 2) */
  readonly threads?: number;
  /** with --browser: the browser that ran it ("chromium 156.0.…") */
  readonly runtime?: string;
  readonly numpy?: readonly PeerResult[];
  /** biaslab iters/s over the faster NumPy configuration's */
  readonly ratio?: number;
  /** BENCHMARKS.md's minimum ratio */
  readonly target?: number;
  readonly met?: boolean;
  /** with --rounds R > 1: every round in the order run (this line is the median one) */
  readonly rounds?: readonly RoundSummary[];
}

/** One round of a loop workload under --rounds: biaslab's iters/s, and with --peers the faster NumPy configuration's and the ratio. */
export interface RoundSummary {
  readonly iters_per_s: number;
  readonly threads: number;
  readonly numpy_iters_per_s?: number;
  readonly ratio?: number;
}

/** CVXOPT's answer as cvxopt_bench.py prints it. */
export interface CvxoptResult {
  readonly seconds: number;
  readonly status: string;
  readonly [key: string]: number | string;
}

/** A solver result line with the CVXOPT comparison (--peers). */
export type ComparedSolverResult = SolverResult & {
  readonly cvxopt?: CvxoptResult;
  /** biaslab's (first-solve) seconds over CVXOPT's */
  readonly seconds_ratio?: number;
  /** warm_seconds over CVXOPT's seconds */
  readonly warm_ratio?: number | null;
  /** |ours − CVXOPT's| / |CVXOPT's| for the optimum (margin or trace) */
  readonly rel_diff?: number;
  /** BENCHMARKS.md's maximum seconds_ratio and relative difference */
  readonly target?: number;
  readonly agreement?: number;
  /** seconds_ratio ≤ target, rel_diff ≤ agreement and a certified answer */
  readonly met?: boolean;
};

const INSTALL_HINT = "run 'bash scripts/peers.sh install' (installs python3-numpy and python3-cvxopt with apt-get)";

export function registerBench(program: Command, ctx: CommandContext): void {
  program
    .command("bench")
    .description("time the workloads of BENCHMARKS.md (optimizer loops and reference solvers), optionally side by side with the NumPy and CVXOPT peers")
    .argument("[workload...]", "logreg-2d, logreg-gd, sensing-gd, diag-net-gd, relu2-gd, svm-l2, nuclear-psd, margin-solvers (default: all but margin-solvers)")
    .option("--scale <K>", "multiply the loops' problem sizes by K, as the peer does (the solver workloads have the peer's one size and are left out at K > 1)", "1")
    .option("--iters <T>", "iterations of each loop instead of the workload's (a smoke run of the loops; not with --peers, nor with a solver workload); margin-solvers: each method's iteration cap")
    .option("--repeats <R>", "after a solver workload's first solve, solve it R more times and report their median as warm_seconds", "2")
    .option("--rounds <R>", "loops: run each R times (odd), each time followed by its peer with --peers, and report the median round (by ratio with --peers, else by iters/s) with every round's numbers in \"rounds\"; the solvers run once", "1")
    .option("--max-seconds <S>", "margin-solvers: each method's time cap in seconds (default 60); flow-vs-gd: the cap on the flow and all GD runs together (default 1500)")
    .option("--no-simd", "use the plain TypeScript kernels even where WebAssembly SIMD is available")
    .option("--threads <T>", "1, 2 or auto (default auto; 1 with --no-simd): with 2, logreg-gd, diag-net-gd, sensing-gd and relu2-gd split each step between the main thread and a worker on one shared WebAssembly memory; auto uses 2 when 1.5 cores are idle just before the loop")
    .option("--json", 'one JSON line per workload: loops {"workload","scale","iters","seconds","iters_per_s","check","kernels"}, solvers {"workload","seconds",...answer} (and the peer fields with --peers), margin-solvers {"workload","seconds","reference_margin","methods":[{"name","iters","seconds","margin","relative_gap","reached"}]}')
    .option("--peers", "loops: after each, run the NumPy peer with OPENBLAS_NUM_THREADS=1 and with the default, and compare iters/s with the faster; solvers: run the CVXOPT peer, solve the instance it wrote, and compare time and optimum")
    .option("--instances <dir>", "solver workloads: solve the instances cvxopt_bench.py wrote to this folder (svm-l2.csv, nuclear-psd-A.csv, nuclear-psd-y.csv; margin-solvers reads svm-l2.csv) instead of drawing our own")
    .option("--peers-dir <dir>", "folder of numpy_bench.py and cvxopt_bench.py", "../shared/peers")
    .option("--python <path>", "the Python that has NumPy and CVXOPT", "/usr/bin/python3")
    .option("--browser", "run the loops and solvers in headless Chromium (a Web Worker; with two threads, a second one on the same memory) instead of Node; each line gets \"runtime\"")
    .option("--chromium <path>", "the Chromium that --browser drives", process.env.CHROMIUM ?? DEFAULT_CHROMIUM)
    .addHelpText(
      "after",
      "\nLoops: times only the optimizer loop (setup and the check excluded), as the peer does. Solvers: times the first solve\n(everything the solver does), as the peer times solvers.qp/sdp. Compare ratios measured in one session, never absolute\ntimes across runs: the machine is shared. Install the peers with 'bash scripts/peers.sh install'.",
    )
    .action(async (names: string[], opts: BenchOptions) => {
      const { io } = ctx;
      const bench = await import("../../bench/index.ts");
      const { Rng } = await import("../../random/index.ts");
      const scale = positiveInt(opts.scale, "--scale");
      const iters = opts.iters === undefined ? undefined : positiveInt(opts.iters, "--iters");
      const repeats = nonNegativeInt(opts.repeats, "--repeats");
      const rounds = positiveInt(opts.rounds, "--rounds");
      if (rounds % 2 === 0) throw new UsageError(`--rounds ${rounds}: the count must be odd`, "the median of an odd count is one round; e.g. --rounds 5");
      const threads = opts.threads === undefined ? (opts.simd ? "auto" : 1) : opts.threads === "auto" ? "auto" : positiveInt(opts.threads, "--threads");
      if (threads !== "auto" && threads > 2) throw new UsageError(`--threads ${threads}: at most 2`, "use --threads 1, 2 or auto");
      if (threads !== 1 && !opts.simd) throw new UsageError(`--threads ${threads} cannot be combined with --no-simd`, "the two-thread loops run the WebAssembly SIMD kernels");
      // two threads need WebAssembly SIMD with a shared memory; without it the one-thread loops run
      const { sharedModules } = await import("../../bench/threads/team.ts");
      const twoThreads = threads !== 1 && sharedModules() !== null ? await import("../../bench/threads/programs.ts") : undefined;
      const { nodeTeamHost } = await import("../threads/nodeHost.ts");
      const { autoThreads } = await import("../threads/idleCores.ts");
      if (iters !== undefined && opts.peers) throw new UsageError("--iters cannot be combined with --peers", "the peer runs each workload's own iteration count");
      if (opts.instances !== undefined && opts.peers) throw new UsageError("--instances cannot be combined with --peers", "with --peers the CVXOPT peer writes the instances");
      const allNames = [...bench.workloadNames, ...bench.solverWorkloadNames, ...bench.raceWorkloadNames, bench.flowVsGdWorkload.name];
      const loops: Workload[] = [], solvers: SolverWorkload[] = [], races: RaceWorkload[] = [];
      const chosen = names.length ? names : [...bench.workloadNames, ...(scale === 1 && iters === undefined ? bench.solverWorkloadNames : [])];
      for (const name of chosen) {
        const w = bench.findWorkload(name), s = bench.findSolverWorkload(name), r = bench.findRaceWorkload(name);
        if (w) loops.push(w);
        else if (r) {
          if (opts.browser) throw new UsageError(`${name} runs in Node only: --browser times the loops and the solvers`, "run it without --browser");
          if (scale !== 1) throw new UsageError(`${name} runs on svm-l2's data at the peer's one size: --scale ${scale} applies to the loops only`, "run it without --scale");
          if (opts.peers) throw new UsageError(`${name} has no peer: --peers cannot be combined with it`, "to race on the CVXOPT peer's instance, write it with 'bash scripts/peers.sh cvxopt svm-l2 --out DIR' and pass --instances DIR");
          races.push(r);
        }
        else if (s) {
          if (scale !== 1) throw new UsageError(`${name} is a solver workload at the peer's one size: --scale ${scale} applies to the loops only`, `run it without --scale, or name only loops (${bench.workloadNames.join(", ")})`);
          if (iters !== undefined) throw new UsageError(`${name} is a solver workload: --iters applies to the loops only`, "run it without --iters");
          solvers.push(s);
        } else if (name === bench.flowVsGdWorkload.name) {
          // beyond the peers: named only, at sensing-gd's one size, no peer
          if (opts.browser) throw new UsageError(`${name} runs in Node only: --browser times the loops and the solvers`, "run it without --browser");
          if (scale !== 1 || iters !== undefined || opts.peers) throw new UsageError(`${name} runs at sensing-gd's one size to a loss target, without a peer: --scale, --iters and --peers do not apply`, `run 'bench ${name}' alone`);
        } else {
          throw new UsageError(`unknown workload '${name}'`, `workloads are: ${allNames.join(", ")}`);
        }
      }
      const maxSeconds = opts.maxSeconds === undefined ? undefined : Number(opts.maxSeconds);
      if (maxSeconds !== undefined && !(maxSeconds > 0 && maxSeconds < Infinity)) throw new UsageError(`--max-seconds must be a positive number, got '${opts.maxSeconds}'`, "e.g. --max-seconds 300");
      const timed = [...bench.raceWorkloadNames, bench.flowVsGdWorkload.name];
      if (maxSeconds !== undefined && !races.length && !chosen.includes(bench.flowVsGdWorkload.name)) throw new UsageError(`--max-seconds applies to ${timed.join(" and ")} only`, `name one: biaslab bench ${timed[0]} --max-seconds ${opts.maxSeconds}`);
      const peersDir = resolvePath(io, opts.peersDir);
      const numpyPeer = opts.peers && loops.length ? numpyRunner(peersDir, opts.python) : undefined;
      const cvxoptPeer = opts.peers && solvers.length ? cvxoptRunner(peersDir, opts.python) : undefined;
      const instancesDir = opts.instances === undefined ? undefined : resolvePath(io, opts.instances);
      const results: ComparedResult[] = [];
      const solved: ComparedSolverResult[] = [];
      const raced: MarginSolversResult[] = [];
      const browser = opts.browser ? await openBrowserBench(opts.chromium) : undefined;
      try {
        for (const name of chosen) {
          if (name === bench.flowVsGdWorkload.name) {
            if (io.stderr.isTTY && !opts.json) io.stderr.write(`bench: ${name} (up to 25 minutes; about 17 here)…\n`);
            const f = bench.flowVsGdWorkload.run({ simd: opts.simd, maxSeconds });
            io.stdout.write(opts.json ? `${JSON.stringify(f)}\n` : flowVsGdText(f));
            continue;
          }
          const r = races.find((l) => l.name === name);
          if (r) {
            if (io.stderr.isTTY && !opts.json) io.stderr.write(`bench: ${r.name} (up to a minute per method)…\n`);
            const line = r.run(instancesDir ? readInstance(r, instancesDir) : null, { maxIters: iters, maxSeconds, simd: opts.simd });
            raced.push(line);
            if (opts.json) io.stdout.write(`${JSON.stringify(line)}\n`);
            continue;
          }
          const w = loops.find((l) => l.name === name);
          if (w) {
            if (io.stderr.isTTY && !opts.json) io.stderr.write(`bench: ${w.name} at scale ${scale}…\n`);
            const round = async (): Promise<ComparedResult> => {
              const split = twoThreads?.twoThreadWorkload(w, nodeTeamHost);
              const useTwo = split !== undefined && split !== null && (threads === 2 || autoThreads() === 2);
              const ours: ComparedResult = browser
                ? { ...(await browser.loop(w.name, scale, { iters, simd: opts.simd, threads: useTwo ? 2 : 1 })), runtime: browser.runtime }
                : { ...bench.runWorkload(useTwo ? split : w, scale, { iters, simd: opts.simd }), threads: useTwo ? 2 : 1 };
              let line: ComparedResult = ours;
              if (numpyPeer) {
                const numpy = [numpyPeer(w.name, scale, "threads=1"), numpyPeer(w.name, scale, "default")];
                const best = Math.max(...numpy.map((p) => p.iters_per_s));
                const ratio = Math.round((ours.iters_per_s / best) * 100) / 100;
                line = { ...ours, numpy, ratio, target: w.target, met: ratio >= w.target };
              }
              return line;
            };
            const runs: ComparedResult[] = [];
            for (let k = 0; k < rounds; k++) runs.push(await round());
            const line = rounds === 1 ? runs[0] : medianRound(runs);
            results.push(line);
            if (opts.json) io.stdout.write(`${JSON.stringify(line)}\n`);
            continue;
          }
          const s = solvers.find((l) => l.name === name)!;
          if (io.stderr.isTTY && !opts.json) io.stderr.write(`bench: ${s.name}…\n`);
          // the instance's CSV texts (null: our own draw), solved in the browser or here
          const solve = async (texts: string[] | null): Promise<SolverResult> => browser
            ? { ...(await browser.solver(s.name, texts, { repeats, simd: opts.simd })), runtime: browser.runtime }
            : bench.runSolverWorkload(s, texts ? s.fromCsv(texts) : s.instance(new Rng(0)), { simd: opts.simd, repeats });
          let line: ComparedSolverResult;
          if (cvxoptPeer) {
            const dir = mkdtempSync(join(tmpdir(), "biaslab-peers-"));
            try {
              const cvxopt = cvxoptPeer(s.name, dir);
              line = compareSolver(s, await solve(readInstance(s, dir)), cvxopt);
            } finally {
              rmSync(dir, { recursive: true, force: true });
            }
          } else {
            line = await solve(instancesDir ? readInstance(s, instancesDir) : null);
          }
          solved.push(line);
          if (opts.json) io.stdout.write(`${JSON.stringify(line)}\n`);
        }
      } finally {
        await browser?.close();
      }
      if (!opts.json) {
        const parts: string[] = [];
        if (results.length) parts.push(loopTable(results, numpyPeer !== undefined));
        if (solved.length) parts.push(solverTable(solved, cvxoptPeer !== undefined));
        for (const r of raced) parts.push(raceTable(r));
        io.stdout.write(parts.join("\n"));
      }
    });
}

/** The median of an odd number of rounds (by ratio when the peer ran, else by iters/s), with every round's numbers. */
function medianRound(runs: readonly ComparedResult[]): ComparedResult {
  const key = (r: ComparedResult) => r.ratio ?? r.iters_per_s;
  const mid = [...runs].sort((a, b) => key(a) - key(b))[(runs.length - 1) >> 1];
  const rounds = runs.map((r): RoundSummary => ({
    iters_per_s: r.iters_per_s,
    threads: r.threads ?? 1,
    ...(r.numpy ? { numpy_iters_per_s: Math.max(...r.numpy.map((p) => p.iters_per_s)), ratio: r.ratio } : {}),
  }));
  return { ...mid, rounds };
}

function flowVsGdText(r: FlowVsGdResult): string {
  const f = r.flow;
  const lines = [
    `flow-vs-gd: n = ${r.n}, m = ${r.m}, ${r.init}, target ${r.loss_target}, agreement ${r.agreement}`,
    `  flow: ${f.seconds.toFixed(3)} s, ${f.rhs_evaluations} gradient evaluations (${f.steps} steps), loss ${f.loss.toExponential(2)}${f.reached ? "" : " (target not reached)"}`,
    ...r.gd.map((g) => `  gd η = ${g.eta.toExponential(3)}: ${g.iterations} iterations, ${g.seconds.toFixed(3)} s, distance ${g.distance === null ? `— (loss ${g.loss.toExponential(2)}, target not reached)` : g.distance.toExponential(2)}`),
    r.agreeing === "not reached"
      ? `  no GD run agreed with the flow to ${r.agreement} within ${r.max_seconds} s`
      : `  agreeing GD (η = ${r.agreeing.eta.toExponential(3)}) took ${r.agreeing.seconds.toFixed(3)} s: ${r.speedup!.toFixed(2)}× the flow's time`,
  ];
  return `${lines.join("\n")}\n`;
}

function positiveInt(s: string, flag: string): number {
  const v = Number(s);
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`${flag} must be a positive integer, got '${s}'`, `e.g. ${flag} 2`);
  return v;
}

function nonNegativeInt(s: string, flag: string): number {
  const v = Number(s);
  if (!Number.isInteger(v) || v < 0 || s.trim() === "") throw new UsageError(`${flag} must be a non-negative integer, got '${s}'`, `e.g. ${flag} 2`);
  return v;
}

/** The texts of the workload's CSV files in dir; a missing or malformed file is a UsageError. */
function readInstance(s: SolverWorkload | RaceWorkload, dir: string): string[] {
  return s.files.map((f) => {
    const path = join(dir, f);
    const peer = "instanceOf" in s ? s.instanceOf : s.name;
    if (!existsSync(path)) throw new UsageError(`${s.name}: no ${f} in ${dir}`, `cvxopt_bench.py ${peer} --out DIR writes it ('bash scripts/peers.sh cvxopt ${peer} --out DIR')`);
    return readFileSync(path, "utf8");
  });
}

function compareSolver(s: SolverWorkload, ours: SolverResult, cvxopt: CvxoptResult): ComparedSolverResult {
  const mine = ours[s.optimum], theirs = cvxopt[s.optimum];
  if (typeof mine !== "number" || typeof theirs !== "number") throw new UsageError(`the CVXOPT peer's answer for ${s.name} has no number '${s.optimum}'`, INSTALL_HINT);
  const relDiff = Math.abs(mine - theirs) / Math.abs(theirs);
  const secondsRatio = Math.round((ours.seconds / cvxopt.seconds) * 100) / 100;
  const warmRatio = ours.warm_seconds === null ? null : Math.round((ours.warm_seconds / cvxopt.seconds) * 100) / 100;
  const certified = ours.certificate.ok;
  return {
    ...ours,
    cvxopt,
    seconds_ratio: secondsRatio,
    warm_ratio: warmRatio,
    rel_diff: relDiff,
    target: s.target,
    agreement: s.agreement,
    met: secondsRatio <= s.target && relDiff <= s.agreement && certified,
  };
}

/** The environment of a peer run: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (set on some machines for old OpenBLAS builds; they slow a current one) removed. */
function peerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** Checks that python can import `module` and that the script exists; returns the script's path. */
function probePeer(dir: string, python: string, module: "numpy" | "cvxopt", script: string, what: string): string {
  const path = join(dir, script);
  const probe = spawnSync(python, ["-c", `import ${module}`], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? `${python} cannot be run (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})` : `${python} has no ${what}`;
    throw new UsageError(`--peers needs Python with ${what}: ${why}`, INSTALL_HINT);
  }
  if (!existsSync(path)) throw new UsageError(`--peers: no ${script} in ${dir}`, "point --peers-dir at the folder of the peers (default ../shared/peers)");
  return path;
}

/** The last line of a peer's stdout as JSON, or a UsageError saying why the peer failed. */
function peerJson(r: ReturnType<typeof spawnSync>, what: string): Record<string, unknown> {
  const last = String(r.stdout ?? "").trim().split("\n").pop() ?? "";
  if (r.error || r.status !== 0 || !last.startsWith("{")) {
    const why = r.error ? r.error.message : String(r.stderr ?? "").trim().split("\n").pop() || `exit code ${r.status}`;
    throw new UsageError(`the ${what} failed: ${why}`, INSTALL_HINT);
  }
  return JSON.parse(last) as Record<string, unknown>;
}

/** Checks the NumPy peer can run and returns a function that runs it on one loop workload in one configuration. */
function numpyRunner(dir: string, python: string): (workload: string, scale: number, config: PeerResult["config"]) => PeerResult {
  const script = probePeer(dir, python, "numpy", "numpy_bench.py", "NumPy");
  return (workload, scale, config) => {
    const env = peerEnv();
    if (config === "threads=1") env.OPENBLAS_NUM_THREADS = "1";
    else delete env.OPENBLAS_NUM_THREADS;
    const r = spawnSync(python, [script, workload, "--scale", String(scale)], { encoding: "utf8", env, maxBuffer: 1 << 20 });
    const j = peerJson(r, `NumPy peer on ${workload} (${config})`) as { seconds: number; iters_per_s: number; check: number };
    return { config, seconds: j.seconds, iters_per_s: j.iters_per_s, check: j.check };
  };
}

/** Checks the CVXOPT peer can run and returns a function that runs it on one solver workload, writing its instance to dir. */
function cvxoptRunner(dir: string, python: string): (workload: string, out: string) => CvxoptResult {
  const script = probePeer(dir, python, "cvxopt", "cvxopt_bench.py", "CVXOPT");
  return (workload, out) => {
    const r = spawnSync(python, [script, workload, "--out", out], { encoding: "utf8", env: peerEnv(), maxBuffer: 1 << 20 });
    const j = peerJson(r, `CVXOPT peer on ${workload}`);
    if (typeof j.seconds !== "number" || typeof j.status !== "string") throw new UsageError(`the CVXOPT peer on ${workload} printed no seconds and status`, INSTALL_HINT);
    const { workload: _w, ...rest } = j;
    return rest as unknown as CvxoptResult;
  };
}

function loopTable(results: readonly ComparedResult[], peers: boolean): string {
  const head = ["workload", "scale", "iters", "seconds", "iters/s", "check", "kernels", "threads"];
  const runtime = results.some((r) => r.runtime !== undefined);
  if (runtime) head.push("runtime");
  if (peers) head.push("NumPy iters/s (1 thread)", "NumPy iters/s (default)", "NumPy check", "ratio", "target", "met");
  const rounds = results.some((r) => r.rounds !== undefined);
  if (rounds) head.push(peers ? "ratio of each round" : "iters/s of each round");
  const rows = results.map((r) => {
    const row = [r.workload, String(r.scale), String(r.iters), fmt(r.seconds), String(Math.round(r.iters_per_s)), String(r.check), r.kernels, String(r.threads ?? 1)];
    if (runtime) row.push(r.runtime ?? "");
    if (r.numpy) {
      const [one, def] = r.numpy;
      row.push(String(Math.round(one.iters_per_s)), String(Math.round(def.iters_per_s)), String(one.check), `${r.ratio}×`, `≥ ${r.target}×`, r.met ? "yes" : "no");
    }
    if (rounds) row.push((r.rounds ?? []).map((k) => (peers ? `${k.ratio}` : String(Math.round(k.iters_per_s)))).join(", "));
    return row;
  });
  return formatTable([head, ...rows]);
}

/** The optimum's name and value in a result line (margin for svm-l2, trace for nuclear-psd). */
function optimumOf(r: SolverResult): string {
  for (const key of ["margin", "trace"]) if (typeof r[key] === "number") return `${key} ${String(r[key])}`;
  return "";
}

function solverTable(results: readonly ComparedSolverResult[], peers: boolean): string {
  const head = ["workload", "instance", "seconds", "warm seconds", "status", "optimum", "certified", "kernels"];
  const runtime = results.some((r) => typeof r.runtime === "string");
  if (runtime) head.push("runtime");
  if (peers) head.push("CVXOPT seconds", "CVXOPT optimum", "time ratio", "target", "rel. diff", "met");
  const rows = results.map((r) => {
    const row = [r.workload, r.instance, fmt(r.seconds), r.warm_seconds === null ? "" : fmt(r.warm_seconds), r.status, optimumOf(r), r.certificate.ok ? "yes" : "no", r.kernels];
    if (runtime) row.push(String(r.runtime ?? ""));
    if (r.cvxopt) {
      const key = "margin" in r.cvxopt ? "margin" : "trace";
      row.push(fmt(r.cvxopt.seconds), `${key} ${String(r.cvxopt[key])}`, `${r.seconds_ratio}×`, `≤ ${r.target}×`, fmt(r.rel_diff), r.met ? "yes" : "no");
    }
    return row;
  });
  return formatTable([head, ...rows]);
}

function raceTable(r: MarginSolversResult): string {
  const head = ["method", "iters", "seconds", "margin", "relative gap", `reached ${r.target_gap}`];
  const ref = ["reference (hardMarginSvm)", "", fmt(r.seconds), String(r.reference_margin), "", r.reference_certified ? "certified" : "uncertified"];
  const rows = r.methods.map((m) => [m.name, String(m.iters), fmt(m.seconds), String(m.margin), fmt(m.relative_gap), m.reached ? "yes" : "no"]);
  return `${r.workload} (${r.instance} instance, ${r.kernels})\n${formatTable([head, ref, ...rows])}`;
}
