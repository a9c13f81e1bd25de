// Data sets as the lab passes them around: rows are examples.
import type { Matrix } from "../linalg/index.ts";

/** Regression data: X is N×d, targets Y are N×k (k = 1 for scalar targets, Y.data is then y). */
export interface RegressionData {
  readonly X: Matrix;
  readonly Y: Matrix;
  /** column names of X where known (CSV header) */
  readonly features?: readonly string[];
  readonly target?: string;
}
