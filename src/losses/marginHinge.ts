// Piecewise-linear margin losses: hinge and perceptron, with the left derivative as
// the subgradient (so a point exactly at the kink still counts as active, as the
// perceptron's "update when y⟨w, x⟩ ≤ 0" does).
import type { MarginLoss } from "./marginLoss.ts";

function kinked(name: string, kink: number): MarginLoss {
  const value = (u: number) => (u < kink ? kink - u : 0);
  const deriv = (u: number) => (u <= kink ? -1 : 0);
  return {
    name,
    value,
    deriv,
    deriv2: () => 0,
    logValue: (u) => (u < kink ? Math.log(kink - u) : -Infinity),
    logNegDeriv: (u) => (u <= kink ? 0 : -Infinity),
    tail: "zero",
    sumWithDerivs(u, count, out) {
      let s = 0;
      for (let i = 0; i < count; i++) {
        const v = u[i];
        if (v <= kink) {
          s += kink - v;
          out[i] = -1;
        } else {
          out[i] = 0;
        }
      }
      return s;
    },
  };
}

/** Hinge loss ℓ(u) = max(0, 1 − u); subgradient −1 for u ≤ 1, else 0. */
export const hingeLoss: MarginLoss = kinked("hinge", 1);

/** Perceptron loss ℓ(u) = max(0, −u); subgradient −1 for u ≤ 0 (mistakes and ties), else 0. */
export const perceptronLoss: MarginLoss = kinked("perceptron", 0);
