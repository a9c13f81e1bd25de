export { Rng } from "./rng.ts";
