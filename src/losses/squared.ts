// Squared loss ℓ(r) = ½ r²: ℓ′(r) = r, ℓ″(r) = 1.
import type { ResidualLoss } from "./types.ts";

export const squaredLoss: ResidualLoss = {
  name: "squared",
  value: (r) => 0.5 * r * r,
  deriv: (r) => r,
  deriv2: () => 1,
  curvatureBound: 1,
  constantCurvature: 1,
};
