// Library tour: GD on your own underdetermined least-squares problem lands on the
// minimum-ℓ2-norm interpolant, not on the minimum-ℓ1 one. Run: npx tsx examples/min-norm.ts
import { Matrix, Rng, gd, leastSquares, linearModel, minNormL2, minL1, relativeDistance, runOptimizerSync } from "../src/index.ts";

const rng = new Rng(1);
const X = new Matrix(20, 60, new Float64Array(20 * 60).map(() => rng.normal())); // your data: N = 20 rows, d = 60
const y = new Float64Array(20).map(() => rng.normal());

const objective = leastSquares({ X, Y: new Matrix(20, 1, y) }, linearModel(60)); // L(w) = ‖Xw − y‖²/2N
const lr = 1 / objective.smoothness!(new Float64Array(60)); // η = 1/β
const run = runOptimizerSync({ objective, optimizer: gd({ lr }), theta0: new Float64Array(60), rng, maxIter: 20000, lossTarget: 1e-30 });

const l2 = minNormL2(X, y); // argmin ‖w‖₂ s.t. Xw = y, with a certificate
const l1 = await minL1(X, y); // argmin ‖w‖₁ s.t. Xw = y (HiGHS LP)
console.log(`GD stopped after ${run.iterations} steps (${run.stopReason}), loss ${run.finalLoss.toExponential(2)}`);
console.log(`distance to min-ℓ2: ${relativeDistance(run.state.theta, l2.solution).toExponential(2)}  (certificate ok: ${l2.certificate.ok})`);
console.log(`distance to min-ℓ1: ${relativeDistance(run.state.theta, l1.solution).toExponential(2)}`);
