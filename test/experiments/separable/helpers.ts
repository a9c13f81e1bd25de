// Runs a section-B claim from this folder's list (the lead wires it into the registry).
import { separableExperiments } from "../../../src/experiments/separable/index.ts";
import { runExperiment, type Result } from "../../../src/run/index.ts";

export { assertAllPass, assertWellFormed, checksNamed } from "../helpers.ts";

export async function runSeparable(id: string, overrides: Record<string, unknown> = {}, quick = true, seed = 0): Promise<Result> {
  const e = separableExperiments.find((x) => x.id === id);
  if (!e) throw new Error(`no section-B experiment "${id}"`);
  return runExperiment(e, { quick, seed, overrides });
}
