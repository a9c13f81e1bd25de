// The underdetermined least-squares setup shared by ls-gd-min-norm and ls-rowspace:
// X ∈ R^{N×d} Gaussian, y = Xw*, L(w) = (1/2N)‖Xw − y‖², and the optimizers the
// claim is about with step sizes set from the problem's smoothness.
import { gaussianRegression, type PlantedRegression } from "../data/index.ts";
import { norm2 } from "../linalg/index.ts";
import { leastSquares, linearModel, type Objective } from "../models/index.ts";
import {
  adagrad, conjugateGradient, gd, heavyBall, nesterov, sgd, type Optimizer,
} from "../optimizers/index.ts";
import type { Rng } from "../random/index.ts";

export interface LeastSquaresProblem {
  readonly data: PlantedRegression;
  readonly objective: Objective;
  /** β = λ_max(XᵀX)/N, the smoothness of L */
  readonly beta: number;
  /** max‖xᵢ‖², the smoothness of every per-example loss ½(⟨xᵢ, w⟩ − yᵢ)² */
  readonly rowMax: number;
}

export function leastSquaresProblem(rng: Rng, n: number, d: number): LeastSquaresProblem {
  const data = gaussianRegression(rng, { n, d });
  const objective = leastSquares(data, linearModel(d));
  const beta = objective.smoothness!(new Float64Array(d));
  let rowMax = 0;
  for (let i = 0; i < n; i++) rowMax = Math.max(rowMax, norm2(data.X.row(i)) ** 2);
  return { data, objective, beta, rowMax };
}

/** The methods of the claim, by name; "adagrad" is a foil that leaves the row space. */
export const LS_OPTIMIZERS = [
  "gd", "gd-small-step", "gd-large-step", "sgd", "sgd-minibatch", "heavy-ball", "nesterov", "cg", "adagrad",
] as const;
export type LsOptimizerName = (typeof LS_OPTIMIZERS)[number];

export interface LsOptimizerSettings {
  readonly batchSize: number;
  readonly momentum: number;
}

/** An optimizer with its step-size rule in words (for labels and notes). */
export function lsOptimizer(name: LsOptimizerName, p: LeastSquaresProblem, s: LsOptimizerSettings): { optimizer: Optimizer; label: string } {
  switch (name) {
    case "gd":
      return { optimizer: gd({ lr: 1 / p.beta }), label: "gd (η = 1/β)" };
    case "gd-small-step":
      return { optimizer: gd({ lr: 0.1 / p.beta }), label: "gd (η = 0.1/β)" };
    case "gd-large-step":
      return { optimizer: gd({ lr: 1.9 / p.beta }), label: "gd (η = 1.9/β)" };
    case "sgd":
      return { optimizer: sgd({ lr: 1 / p.rowMax, batchSize: 1 }), label: "sgd, instance-wise (η = 1/max‖xᵢ‖²)" };
    case "sgd-minibatch":
      return {
        optimizer: sgd({ lr: 1 / p.rowMax, batchSize: s.batchSize }),
        label: `sgd, minibatch ${s.batchSize} (η = 1/max‖xᵢ‖²)`,
      };
    case "heavy-ball":
      return { optimizer: heavyBall({ lr: 1 / p.beta, momentum: s.momentum }), label: `heavy ball (η = 1/β, μ = ${s.momentum})` };
    case "nesterov":
      return { optimizer: nesterov({ lr: 1 / p.beta, momentum: s.momentum }), label: `nesterov (η = 1/β, μ = ${s.momentum})` };
    case "cg":
      return { optimizer: conjugateGradient(), label: "conjugate gradient" };
    case "adagrad":
      return { optimizer: adagrad({ lr: 0.1, eps: 1e-8 }), label: "adagrad (η = 0.1, ε = 1e-8)" };
  }
}
