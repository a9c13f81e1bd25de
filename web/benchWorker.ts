// The bench page's Web Worker: runs one workload per message with the library's own timing
// (src/bench/timing.ts, the code `biaslab bench` runs in Node) and replies with its result line. Loops
// asked for two threads run their two-thread programs with a helper Worker (teamHost.ts) when the page
// is cross-origin isolated.
import { findSolverWorkload, findWorkload, runSolverWorkload, runWorkload, workloadNames, solverWorkloadNames } from "../src/bench/index.ts";
import { twoThreadWorkload } from "../src/bench/threads/programs.ts";
import type { TeamHost } from "../src/bench/threads/team.ts";
import { Rng } from "../src/random/index.ts";
import type { BenchReply, BenchRequest } from "./benchProtocol.ts";
import { browserTeamHost } from "./teamHost.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<BenchRequest>) => void) | null;
  postMessage(message: BenchReply): void;
}
const scope = self as unknown as WorkerScope;

/** the second thread's helper, started with the worker (null where this page cannot run two threads) */
const host = browserTeamHost().catch(() => null);

function answer(request: BenchRequest, team: TeamHost | null): BenchReply {
  if (request.kind === "names") return { ok: true, kind: "names", loops: workloadNames };
  if (request.kind === "loop") {
    const w = findWorkload(request.workload);
    if (!w) return { ok: false, message: `unknown loop workload '${request.workload}' (loops: ${workloadNames.join(", ")})` };
    const split = request.threads === 2 && request.simd && team ? twoThreadWorkload(w, team) : null;
    const result = runWorkload(split ?? w, request.scale, { iters: request.iters, simd: request.simd });
    return { ok: true, kind: "loop", result, threads: split ? 2 : 1 };
  }
  const s = findSolverWorkload(request.workload);
  if (!s) return { ok: false, message: `unknown solver workload '${request.workload}' (solvers: ${solverWorkloadNames.join(", ")})` };
  const instance = request.texts ? s.fromCsv(request.texts) : s.instance(new Rng(0));
  return { ok: true, kind: "solver", result: runSolverWorkload(s, instance, { simd: request.simd, repeats: request.repeats }) };
}

scope.onmessage = async (event) => {
  let reply: BenchReply;
  try {
    reply = answer(event.data, await host);
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  scope.postMessage(reply);
};
