// Claims layer: each claim of CLAIMS.md as an Experiment (setup, run, prediction, verdict).
export type { Experiment, RunContext } from "./types.ts";
export { experiments, getExperiment } from "./registry.ts";
