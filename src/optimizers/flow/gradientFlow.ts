// Gradient flow as an Optimizer: each `step` is one accepted Dormand–Prince 5(4) step of
// dθ/dt = −∇L(θ), so the flow runs in the ordinary optimizer loop (loss targets, checkpoints, time
// limits). state.t counts accepted steps; state.time is the flow time. The full gradient is used
// (a flow has no minibatches).
import type { Objective } from "../../models/index.ts";
import type { Rng } from "../../random/index.ts";
import { checkTheta0 } from "../gradientOracle.ts";
import type { Optimizer, OptimizerState } from "../types.ts";
import { DormandPrince54, checkDormandPrinceOptions, type DormandPrinceOptions, type StepOutcome } from "./dormandPrince.ts";
import { negativeGradientField } from "./integrateFlow.ts";

export interface GradientFlowState extends OptimizerState {
  /** flow time reached */
  time: number;
  /** evaluations of ∇L so far */
  gradientEvaluations: number;
  rejectedSteps: number;
  /** size of the last accepted step */
  lastStep: number;
  /** why the last step failed ("accepted" while all is well); on failure θ is unchanged and loss is NaN */
  outcome: StepOutcome;
  readonly integrator: DormandPrince54;
}

export interface GradientFlowOptions extends DormandPrinceOptions {
  /** never integrate past this flow time (default ∞): once there, steps leave θ unchanged */
  readonly horizon?: number;
}

export function gradientFlow(opts: GradientFlowOptions = {}): Optimizer<GradientFlowState> {
  const horizon = opts.horizon ?? Infinity;
  if (!(horizon > 0)) throw new RangeError(`gradient-flow: horizon must be > 0, got ${horizon}`);
  checkDormandPrinceOptions("gradient-flow", opts);
  return {
    name: "gradient-flow",
    init(objective: Objective, theta0: Float64Array, _rng: Rng): GradientFlowState {
      checkTheta0("gradient-flow", objective, theta0);
      const integrator = new DormandPrince54(negativeGradientField(objective), 0, theta0, { ...opts, autonomous: true });
      return {
        theta: integrator.y, t: 0, loss: integrator.aux, time: 0,
        gradientEvaluations: integrator.evaluations, rejectedSteps: 0, lastStep: 0, outcome: "accepted", integrator,
      };
    },
    step(s) {
      const dp = s.integrator;
      if (dp.t < horizon) {
        const out = dp.step(horizon);
        s.outcome = out;
        if (out === "accepted") {
          s.loss = dp.aux;
          s.lastStep = dp.hLast;
        } else s.loss = NaN;
        s.time = dp.t;
        s.gradientEvaluations = dp.evaluations;
        s.rejectedSteps = dp.rejected;
      }
      s.t++;
    },
  };
}
