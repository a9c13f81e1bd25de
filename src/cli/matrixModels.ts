// The matrix models of `biaslab train` by name (--model uu | uv | deep:<L> | hadamard) and their flags; the
// training itself is commands/trainMatrix.ts, loaded only when a matrix model is asked for.
import { InvalidArgumentError, type Command } from "commander";
import { UsageError } from "./errors.ts";
import { addMatrixDataOptions, type MatrixDataFlags } from "./matrixData.ts";
import { parsePositiveInt, parsePositiveNumber } from "./options.ts";

/** the initialization scale α when --alpha is not given */
export const DEFAULT_ALPHA = 1e-3;

export const MATRIX_MODELS = "uu, uv, deep:<L>, hadamard";

/** Help text: the matrix models, their loss and references. */
export const MATRIX_MODEL_HELP = `Matrix models (loss (1/2m)‖A(W) − y‖² on measurement rows or observed entries, from scale --alpha):
  uu        W = UUᵀ, U n×r (square, PSD W)         compared with nuclear-psd and min-frobenius over symmetric W
  uv        W = UVᵀ, U n1×r, V n2×r                compared with nuclear and min-frobenius
  deep:<L>  W = W_L ⋯ W_1, each n×n (square W)     compared with nuclear and min-frobenius
  hadamard  x = u⊙u on rows a₁ … a_d, b of Ax = b  compared with nonneg-l1 and min-frobenius (min ℓ2)`;

export interface MatrixModel {
  readonly id: string;
  readonly kind: "uu" | "uv" | "deep" | "hadamard";
  /** factors in the product (2 for UUᵀ and UVᵀ, L for deep:<L>, 2 for u⊙u) */
  readonly depth: number;
}

export interface MatrixTrainFlags extends MatrixDataFlags {
  alpha?: number;
  init?: "identity" | "random";
  rank?: number;
}

/** The matrix model named by --model, or undefined for a model that is not one. */
export function parseMatrixModel(id: string): MatrixModel | undefined {
  if (id === "uu" || id === "uv" || id === "hadamard") return { id, kind: id, depth: 2 };
  const m = /^deep:(.*)$/.exec(id);
  if (!m) return undefined;
  const L = /^\d+$/.test(m[1].trim()) ? Number(m[1]) : NaN;
  if (!(Number.isSafeInteger(L) && L >= 1)) throw new UsageError(`--model ${id}: the depth must be an integer ≥ 1`, "e.g. --model deep:3");
  return { id, kind: "deep", depth: L };
}

function parseInit(value: string): "identity" | "random" {
  const v = value.trim();
  if (v === "identity" || v === "random") return v;
  throw new InvalidArgumentError("expected identity (U₀ = αI) or random (iid N(0, α²/r))");
}

/** The flags of matrix training, added to the train command. */
export function addMatrixTrainOptions(cmd: Command): Command {
  return addMatrixDataOptions(cmd)
    .option("--alpha <x>", `matrix models: the initialization scale α of each factor (default ${DEFAULT_ALPHA}; U₀ = αI, for deep:<L> W₀ = α^L·I, for hadamard u₀ = α1)`, parsePositiveNumber)
    .option("--init <kind>", "matrix models uu, uv, deep:<L>: identity (default, U₀ = α[I; 0]) or random (iid N(0, α²/r), drawn with --seed)", parseInit)
    .option("--rank <r>", "models uu and uv: the width r of the factors (default full: n for uu, min(n1, n2) for uv)", parsePositiveInt);
}

/** Matrix-model flags given with --model linear are mistakes. */
export function rejectMatrixTrainFlags(opts: MatrixTrainFlags): void {
  const given = [
    opts.shape && "--shape", opts.indexBase !== undefined && "--index-base", opts.format && "--format",
    opts.alpha !== undefined && "--alpha", opts.init && "--init", opts.rank !== undefined && "--rank",
  ].filter(Boolean);
  if (given.length > 0) throw new UsageError(`${given.join(", ")} applies to the matrix models, not --model linear`, `matrix models are: ${MATRIX_MODELS}`);
}
