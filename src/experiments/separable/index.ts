// Section B of CLAIMS.md: separable classification (exponential tails, margins, their rates).
import type { Experiment } from "../types.ts";
import { logisticMaxMargin } from "./logisticMaxMargin.ts";
import { normalizedGdRates } from "./normalizedGdRates.ts";
import { smoothMarginClaim } from "./smoothMargin.ts";
import { steepestMaxMargin } from "./steepestMaxMargin.ts";
import { perceptronNovikoff } from "./perceptronNovikoff.ts";
import { logisticLogGrowth } from "./logisticLogGrowth.ts";
import { tails } from "./tails.ts";
import { adaboostL1 } from "./adaboostL1.ts";
import { multiclassSvmClaim } from "./multiclassSvmClaim.ts";
import { perceptronTechnique } from "./perceptronTechnique.ts";
import { regularizationPath } from "./regularizationPath.ts";
import { testLossVsError } from "./testLossVsError.ts";

export { logisticMaxMargin, normalizedGdRates, smoothMarginClaim, steepestMaxMargin, perceptronNovikoff, logisticLogGrowth, tails, adaboostL1, multiclassSvmClaim, perceptronTechnique, regularizationPath, testLossVsError };
export { normBallPath, type PathPoint } from "./normBallPath.ts";

export const separableExperiments: Experiment[] = [logisticMaxMargin, normalizedGdRates, smoothMarginClaim, steepestMaxMargin, perceptronNovikoff, logisticLogGrowth, tails, adaboostL1, multiclassSvmClaim, perceptronTechnique, regularizationPath, testLossVsError];
