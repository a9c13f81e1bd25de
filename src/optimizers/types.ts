// An optimizer is an init/step pair over a state kept in Float64Arrays that are
// updated in place: `step` must not allocate.
import type { Objective } from "../models/types.ts";
import type { Rng } from "../random/index.ts";

export interface OptimizerState {
  /** current parameters θ_t (updated in place) */
  readonly theta: Float64Array;
  /** number of steps taken */
  t: number;
  /** the objective at the most recent point where the optimizer evaluated it (NaN if never) */
  loss: number;
}

export interface Optimizer<S extends OptimizerState = OptimizerState> {
  readonly name: string;
  /** copies theta0; the state owns its buffers */
  init(objective: Objective, theta0: Float64Array, rng: Rng): S;
  /** one step: θ_t → θ_{t+1}, t ← t + 1 */
  step(state: S): void;
}
