// The margin methods of separable classification by name, beside the general registry
// (../registry.ts) and with its option checks: for `biaslab train` on classification data,
// where the general optimizers are offered too.
import { entry, type OptimizerEntry, type OptionSpec } from "../registry.ts";
import type { Schedule } from "../stepSize.ts";
import { dualAccelerated } from "./dualAccelerated.ts";
import { lossScaledGd } from "./lossScaledGd.ts";
import { normalizedGd } from "./normalizedGd.ts";
import { normalizedSteepest } from "./normalizedSteepest.ts";
import { perceptron } from "./perceptron.ts";

const lr: OptionSpec = { type: "step-size", description: "step size η (or schedule t ↦ η_t)" };

export const marginOptimizerRegistry: Readonly<Record<string, OptimizerEntry>> = {
  "normalized-gd": entry<{ lr: Schedule }>(
    "normalized-gd", "normalized GD θ ← θ − η∇L/‖∇L‖₂: steps of length η, direction in the log domain",
    { lr: 0.1 }, { lr }, normalizedGd),
  "normalized-steepest": entry<{ lr: Schedule; norm: number }>(
    "normalized-steepest", "normalized steepest descent w.r.t. ‖·‖_p: ‖Δθ‖_p = η (p = 1 coordinate, p = ∞ sign descent)",
    { lr: 0.01, norm: 1 }, { lr, norm: { type: "norm", description: "p of the ℓp norm" } }, normalizedSteepest),
  "loss-scaled-gd": entry<{ lr: Schedule }>(
    "loss-scaled-gd", "GD with η_t = η/L(θ_t), θ ← θ − η∇log L (stable for η ≤ 1/maxᵢ‖xᵢ‖²)",
    { lr: 0.1 }, { lr }, lossScaledGd),
  "dual-accelerated": entry<{ lr: Schedule }>(
    "dual-accelerated", "Ji–Srebro–Telgarsky dual acceleration, momentum t/(t+1) on ∇log L (θ_t = η ≤ 1/maxᵢ‖xᵢ‖²)",
    { lr: 0.1 }, { lr }, dualAccelerated),
  perceptron: entry<Record<string, never>>(
    "perceptron", "perceptron: on the next mistake yᵢ⟨w, xᵢ⟩ ≤ 0, w ← w + yᵢxᵢ (binary labels)",
    {}, {}, () => perceptron()),
};
