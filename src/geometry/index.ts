// Geometry layer: potentials ψ (mirror maps) of mirror descent, with their conjugates.
export type { Potential } from "./types.ts";
export { euclidean } from "./euclidean.ts";
export { negativeEntropy, xlogx } from "./negativeEntropy.ts";
export { simplexEntropy, softmax } from "./simplexEntropy.ts";
export { pNormSquared } from "./pNormSquared.ts";
export { hyperbolicEntropy } from "./hyperbolicEntropy.ts";
export { potentialRegistry, potentialFromId, allowedPotentialIds } from "./registry.ts";
export type { PotentialEntry } from "./registry.ts";
