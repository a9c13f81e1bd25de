// Reference programs on classification data, for `biaslab solve <program>`: the max-margin
// directions the optimizers of separable classification converge to (no bias), and the
// separability check. Binary programs take labels ±1, the multiclass SVM labels 0…k−1.
import type { BinaryClassificationData, MulticlassData } from "../data/index.ts";
import { checkOptions, type ProgramOptions } from "./programs.ts";
import { separabilityCertificate } from "./separabilityCertificate.ts";
import type { MaxMarginSolution } from "./svmCertificate.ts";
import { hardMarginSvm } from "./svmL2.ts";
import { maxMarginL1, maxMarginLinf } from "./svmLpNorms.ts";
import { multiclassSvm } from "./svmMulticlass.ts";
import { maxMarginLp } from "./svmPNorm.ts";
import { separabilityCheck } from "./svmSeparability.ts";
import type { ReferenceSolution } from "./types.ts";

export interface ClassificationSolution extends ReferenceSolution {
  /** the max-margin value in the program's norm: maxᵢ over ‖w‖ ≤ 1 of the smallest margin */
  readonly margin?: number;
  /** the norm p of a max-margin program */
  readonly p?: number;
  /** examples with a positive multiplier, in increasing order */
  readonly supportVectors?: Int32Array;
  /** the separability check's answer; `solution` is then the separating w, or λ when not separable */
  readonly separable?: boolean;
  /** Gordan's λ ≥ 0, Σλ = 1, Σλᵢyᵢxᵢ = 0 when the data are not separable */
  readonly farkas?: Float64Array;
}

interface ProgramInfo {
  readonly description: string;
  /** option name → meaning and default */
  readonly options: Readonly<Record<string, string>>;
  /** true when the program has no solution on data that are not linearly separable through the origin */
  readonly needsSeparable: boolean;
}

export interface BinaryClassificationProgram extends ProgramInfo {
  readonly data: "binary";
  solve(data: BinaryClassificationData, options?: ProgramOptions): Promise<ClassificationSolution>;
}

export interface MulticlassProgram extends ProgramInfo {
  readonly data: "multiclass";
  solve(data: MulticlassData, options?: ProgramOptions): Promise<ClassificationSolution>;
}

export type ClassificationProgram = BinaryClassificationProgram | MulticlassProgram;

/** a number option from a string or number; RangeError naming the program when it is not in range */
function numberOption(program: string, name: string, value: ProgramOptions[string], ok: (v: number) => boolean, allowed: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new RangeError(`${program} needs the option ${name}, ${allowed}`);
    return fallback;
  }
  const s = typeof value === "string" ? value.trim().toLowerCase() : value;
  const v = typeof s === "number" ? s : s === "inf" || s === "infinity" || s === "∞" ? Infinity : s !== "" && typeof s === "string" ? Number(s) : NaN;
  if (!ok(v)) throw new RangeError(`${program}: option ${name} must be ${allowed}, got ${String(value)}`);
  return v;
}

const TIME_LIMIT = "HiGHS wall-clock limit in seconds (default 60)";
const timeLimit = (program: string, o: ProgramOptions) =>
  numberOption(program, "timeLimit", o.timeLimit, (v) => v > 0 && v < Infinity, "a positive number of seconds", 60);

function fromMaxMargin(s: MaxMarginSolution): ClassificationSolution {
  return { ...s, margin: s.margin, p: s.p, supportVectors: s.supportVectors };
}

function binary(
  name: string, description: string, options: Readonly<Record<string, string>>, needsSeparable: boolean,
  run: (data: BinaryClassificationData, o: ProgramOptions) => Promise<ClassificationSolution> | ClassificationSolution,
): BinaryClassificationProgram {
  return {
    data: "binary", description, options, needsSeparable,
    async solve(data, o = {}) {
      checkOptions(name, options, o);
      return run(data, o);
    },
  };
}

export const classificationProgramRegistry: Readonly<Record<string, ClassificationProgram>> = {
  "svm-l2": binary("svm-l2", "hard-margin SVM argmin ‖w‖₂ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1 (no bias; interior-point QP)", {}, true, (d) =>
    fromMaxMargin(hardMarginSvm(d.X, d.y))),
  "svm-l1": binary("svm-l1", "ℓ1 max margin argmin ‖w‖₁ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1 (LP, HiGHS)", { timeLimit: TIME_LIMIT }, true, async (d, o) =>
    fromMaxMargin(await maxMarginL1(d.X, d.y, { timeLimit: timeLimit("svm-l1", o) }))),
  "svm-linf": binary("svm-linf", "ℓ∞ max margin argmin ‖w‖_∞ s.t. yᵢ⟨w, xᵢ⟩ ≥ 1 (LP, HiGHS)", { timeLimit: TIME_LIMIT }, true, async (d, o) =>
    fromMaxMargin(await maxMarginLinf(d.X, d.y, { timeLimit: timeLimit("svm-linf", o) }))),
  "svm-lp": binary("svm-lp", "ℓp max margin argmin ‖w‖_p s.t. yᵢ⟨w, xᵢ⟩ ≥ 1, 1 < p < ∞ (log-barrier Newton)", { p: "the norm p, a number in (1, ∞) (required)" }, true, (d, o) =>
    fromMaxMargin(maxMarginLp(d.X, d.y, numberOption("svm-lp", "p", o.p, (v) => v > 1 && v < Infinity, "a number p with 1 < p < ∞ (use svm-l1 or svm-linf for p = 1 or ∞)")))),
  separable: binary("separable", "is some w with every yᵢ⟨w, xᵢ⟩ > 0 (through the origin)? LP max t s.t. yᵢ⟨w, xᵢ⟩ ≥ t, ‖w‖_∞ ≤ 1", { timeLimit: TIME_LIMIT }, false, async (d, o) => {
    const r = await separabilityCheck(d.X, d.y, { timeLimit: timeLimit("separable", o) });
    return {
      program: "max t s.t. yᵢ⟨w, xᵢ⟩ ≥ t, ‖w‖_∞ ≤ 1",
      solution: r.separable ? r.w! : r.farkas!,
      certificate: separabilityCertificate(d.X, d.y, r),
      separable: r.separable,
      margin: r.linfMargin,
      p: Infinity,
      ...(r.separable ? {} : { farkas: r.farkas! }),
    };
  }),
  "svm-multiclass": {
    data: "multiclass",
    description: "multiclass hard-margin SVM argmin ‖W‖_F s.t. ⟨w_c − w_r, xᵢ⟩ ≥ 1 for the class c of xᵢ and every r ≠ c (no bias)",
    options: {},
    needsSeparable: true,
    async solve(data, o = {}) {
      checkOptions("svm-multiclass", {}, o);
      const s = multiclassSvm(data);
      // an example supports the solution when one of its k − 1 constraints has a positive multiplier
      const k = data.classes, alpha = s.dual!;
      let max = 0;
      for (const a of alpha) max = Math.max(max, a);
      const support: number[] = [];
      for (let i = 0; i < data.X.rows; i++) {
        for (let r = 0; r < k - 1; r++) {
          if (alpha[i * (k - 1) + r] > 1e-9 * max) {
            support.push(i);
            break;
          }
        }
      }
      return { ...s, margin: s.margin, p: 2, supportVectors: Int32Array.from(support) };
    },
  },
};

/** true when `id` names a classification program */
export function isClassificationProgram(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(classificationProgramRegistry, id);
}
