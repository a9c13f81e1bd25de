// The bench page's Web Worker: runs one workload per message with the library's own timing
// (src/bench/timing.ts, the code `biaslab bench` runs in Node) and replies with its result line.
import { findSolverWorkload, findWorkload, runSolverWorkload, runWorkload, workloadNames, solverWorkloadNames } from "../src/bench/index.ts";
import { Rng } from "../src/random/index.ts";
import type { BenchReply, BenchRequest } from "./benchProtocol.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<BenchRequest>) => void) | null;
  postMessage(message: BenchReply): void;
}
const scope = self as unknown as WorkerScope;

function answer(request: BenchRequest): BenchReply {
  if (request.kind === "loop") {
    const w = findWorkload(request.workload);
    if (!w) return { ok: false, message: `unknown loop workload '${request.workload}' (loops: ${workloadNames.join(", ")})` };
    return { ok: true, kind: "loop", result: runWorkload(w, request.scale, { iters: request.iters, simd: request.simd }) };
  }
  const s = findSolverWorkload(request.workload);
  if (!s) return { ok: false, message: `unknown solver workload '${request.workload}' (solvers: ${solverWorkloadNames.join(", ")})` };
  const instance = request.texts ? s.fromCsv(request.texts) : s.instance(new Rng(0));
  return { ok: true, kind: "solver", result: runSolverWorkload(s, instance, { simd: request.simd, repeats: request.repeats }) };
}

scope.onmessage = (event) => {
  let reply: BenchReply;
  try {
    reply = answer(event.data);
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  scope.postMessage(reply);
};
