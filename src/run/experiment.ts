// Runs one experiment: parameters from the schema (full size, --quick sizes,
// --set overrides), a seeded Rng, progress and abort; fills seconds, seed, claim.
import type { DatasetLoader } from "../data/index.ts";
import type { Experiment, RunContext } from "../experiments/types.ts";
import { Rng } from "../random/index.ts";
import { parseParameters } from "./parameters.ts";
import type { Result } from "./types.ts";

export interface RunExperimentOptions {
  /** use the experiment's --quick overrides (default false) */
  readonly quick?: boolean;
  /** default 0 */
  readonly seed?: number;
  /** --set k=v pairs: strings are coerced to the schema's types; unknown keys are errors */
  readonly overrides?: Readonly<Record<string, unknown>>;
  readonly onProgress?: (fraction: number, label?: string) => void;
  readonly signal?: AbortSignal;
  /** where claims on real data get their files (RunContext.datasets) */
  readonly datasets?: DatasetLoader;
}

export async function runExperiment<P extends Record<string, unknown>>(
  exp: Experiment<P>,
  opts: RunExperimentOptions = {},
): Promise<Result> {
  const quick = opts.quick ?? false;
  const seed = opts.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`seed must be an integer ≥ 0, got ${seed}`);
  const params = parseParameters(exp.id, exp.params, quick ? exp.quick : undefined, opts.overrides);
  const onProgress = opts.onProgress;
  const ctx: RunContext = {
    rng: new Rng(seed),
    seed,
    quick,
    progress: (fraction, label) => onProgress?.(Math.min(1, Math.max(0, fraction)), label),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.datasets ? { datasets: opts.datasets } : {}),
  };
  const start = performance.now();
  const result = await exp.run(params, ctx);
  const seconds = (performance.now() - start) / 1000;
  return {
    ...result,
    id: result.id || exp.id,
    params: { ...params, ...result.params },
    seconds,
    seed,
    quick,
    claim: result.claim ?? exp.claim,
  };
}
