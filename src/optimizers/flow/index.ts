// Gradient flow: an adaptive Dormand–Prince 5(4) integrator with error control and dense output,
// the flow of an objective until a loss target / horizon / step budget, and the same flow as an
// Optimizer (one accepted step per `step`).
export { DormandPrince54, type VectorField, type DormandPrinceOptions, type StepOutcome } from "./dormandPrince.ts";
export {
  integrateFlow, negativeGradientField, type FlowOptions, type FlowResult, type FlowStopReason,
} from "./integrateFlow.ts";
export { gradientFlow, type GradientFlowOptions, type GradientFlowState } from "./gradientFlow.ts";
