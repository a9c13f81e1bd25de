// Section B of CLAIMS.md: separable classification (exponential tails, margins, their rates).
import type { Experiment } from "../types.ts";
import { logisticMaxMargin } from "./logisticMaxMargin.ts";

export { logisticMaxMargin };

export const separableExperiments: Experiment[] = [logisticMaxMargin];
