// Finding claims by id (--set keys are checked by runExperiment against the claim's schema).
import type { Experiment } from "../experiments/index.ts";
import { UsageError } from "./errors.ts";

export function findClaim(experiments: readonly Experiment[], id: string): Experiment {
  const exp = experiments.find((e) => e.id === id);
  if (!exp) throw new UsageError(`unknown claim id '${id}'${suggest(id, experiments)}`, `claim ids are: ${experiments.map((e) => e.id).join(", ")}`);
  return exp;
}

/** " (did you mean 'x'?)" for a near miss (edit distance ≤ 3), else "". */
function suggest(id: string, experiments: readonly Experiment[]): string {
  let best: string | undefined;
  let bestD = 4;
  for (const e of experiments) {
    const d = editDistance(id, e.id);
    if (d < bestD) [best, bestD] = [e.id, d];
  }
  return best ? ` (did you mean '${best}'?)` : "";
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
