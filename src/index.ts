// biaslab as a library: every layer's public face, from numerics up to experiments,
// the run loop and the (isomorphic) reports. The command line lives in src/cli and
// Node-only helpers in src/report/node.ts; neither is re-exported here.
export * from "./linalg/index.ts";
export * from "./random/index.ts";
export * from "./data/index.ts";
export * from "./losses/index.ts";
export * from "./models/index.ts";
export * from "./geometry/index.ts";
export * from "./optimizers/index.ts";
export * from "./references/index.ts";
export * from "./metrics/index.ts";
export * from "./experiments/index.ts";
export * from "./run/index.ts";
export * from "./report/index.ts";
