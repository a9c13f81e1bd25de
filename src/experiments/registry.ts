// Every claim of CLAIMS.md as a runnable experiment, by stable id.
import type { Experiment } from "./types.ts";
import { separableExperiments } from "./separable/index.ts";
import { lsGdMinNorm } from "./lsGdMinNorm.ts";
import { lsRowspace } from "./lsRowspace.ts";
import { mdBregman } from "./mdBregman.ts";
import { steepestLsFails } from "./steepestLsFails.ts";
import { adagradLs } from "./adagradLs.ts";
import { wilsonAdaptive } from "./wilsonAdaptive.ts";
import { twoLayerLinear } from "./twoLayerLinear.ts";
import { earlyStoppingRidge } from "./earlyStoppingRidge.ts";
import { commutingMeasurementsClaim } from "./matrix/commutingMeasurements.ts";
import { nonnegL1Claim } from "./matrix/nonnegL1Claim.ts";
import { kernelRich } from "./matrix/kernelRich.ts";
import { singleMeasurement } from "./matrix/singleMeasurement.ts";
import { sensingNuclear } from "./matrix/sensingNuclear.ts";
import { gradientFlowLimit } from "./matrix/gradientFlowLimit.ts";
import { sensingGeneralization } from "./matrix/sensingGeneralization.ts";
import { oneBitMc } from "./matrix/oneBitMc.ts";
import { deepMatrix } from "./matrix/deepMatrix.ts";
import { exhaustive3x3 } from "./matrix/exhaustive3x3.ts";
import { acceleratedBreaks } from "./matrix/acceleratedBreaks.ts";

/** Section A: squared loss, geometry of the optimizer. */
const sectionA: Experiment[] = [lsGdMinNorm, lsRowspace, mdBregman, steepestLsFails, adagradLs, wilsonAdaptive, twoLayerLinear, earlyStoppingRidge];

/** Section C: matrix factorization. */
const sectionC: Experiment[] = [
  sensingNuclear, sensingGeneralization, gradientFlowLimit, commutingMeasurementsClaim, nonnegL1Claim, kernelRich,
  exhaustive3x3, singleMeasurement, acceleratedBreaks, deepMatrix, oneBitMc,
];

/** Section B: separable classification (exponential tails, margins). */
const sectionB: readonly Experiment[] = separableExperiments;

export const experiments: readonly Experiment[] = [...sectionA, ...sectionB, ...sectionC];

/** The experiment with this id; an Error listing the known ids otherwise. */
export function getExperiment(id: string): Experiment {
  const e = experiments.find((x) => x.id === id);
  if (!e) throw new Error(`unknown experiment "${id}"; known ids: ${experiments.map((x) => x.id).join(", ")}`);
  return e;
}
