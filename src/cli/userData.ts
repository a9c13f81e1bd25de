// Helpers shared by the commands that work on the user's data (solve, train).
import { basename } from "node:path";
import type { RegressionData } from "../data/index.ts";
import { potentialFromId, type Potential } from "../geometry/index.ts";
import { UsageError } from "./errors.ts";

/** "data.csv: N = 5 examples, d = 8 features, target 'y'" */
export function dataSummary(path: string, data: RegressionData): string {
  return `${basename(path)}: N = ${data.X.rows} examples, d = ${data.X.cols} features, target '${data.target ?? "y"}'`;
}

/** A potential from its id; an unknown id is a UsageError listing the allowed ids. */
export function resolvePotential(id: string): Potential {
  try {
    return potentialFromId(id);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new UsageError(`--potential: ${msg.replace(/\s*\n\s*/g, " ")}`);
  }
}

/** Column names of X, or x1..xd when the data had none. */
export function featureNames(data: RegressionData): string[] {
  return data.features ? [...data.features] : Array.from({ length: data.X.cols }, (_, j) => `x${j + 1}`);
}
