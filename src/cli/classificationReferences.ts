// The max-margin directions a classification run is compared with (the candidate implicit
// biases): svm-l2, svm-l1, svm-linf, svm-lp for the optimizer's own ℓp geometry, or the
// multiclass SVM; and the final iterate's angle (atan2), direction gap and margin gap to each.
import { normP } from "../linalg/index.ts";
import { angleBetween, directionGap } from "../metrics/index.ts";
import { classificationProgramRegistry, type ClassificationSolution } from "../references/index.ts";
import type { LoadedClassification } from "./classificationData.ts";
import { requireSeparableFor } from "./notSeparable.ts";

export interface MaxMarginReference {
  readonly name: string;
  readonly description: string;
  /** the norm of the program */
  readonly p: number;
  readonly solution: Float64Array;
  /** γ*_p = max over ‖w‖_p ≤ 1 of the smallest margin */
  readonly margin: number;
  readonly certificateOk: boolean;
}

export interface ReferenceComparison {
  /** angle between w and the reference (radians, by atan2) */
  readonly angle: number;
  /** ‖w/‖w‖₂ − ŵ/‖ŵ‖₂‖₂ */
  readonly directionGap: number;
  /** (γ*_p − γ_p(w))/γ*_p in the reference's norm p */
  readonly marginGap: number;
}

const WHAT = "train (it compares the run with the max-margin directions)";

/**
 * Solves the candidates on the data: the ℓ2, ℓ1 and ℓ∞ max margins, and ℓp when the optimizer's
 * geometry has another p (binary); the multiclass SVM (multiclass). Non-separable data are a UsageError.
 */
export async function maxMarginReferences(loaded: LoadedClassification, optimizerP?: number): Promise<MaxMarginReference[]> {
  const jobs: [string, Record<string, string | number>, number][] = loaded.kind === "multiclass"
    ? [["svm-multiclass", {}, 2]]
    : [["svm-l2", {}, 2], ["svm-l1", {}, 1], ["svm-linf", {}, Infinity]];
  if (loaded.kind === "binary" && optimizerP !== undefined && optimizerP !== 1 && optimizerP !== 2 && optimizerP !== Infinity) {
    jobs.push(["svm-lp", { p: optimizerP }, optimizerP]);
  }
  const out: MaxMarginReference[] = [];
  for (const [name, options, p] of jobs) {
    const entry = classificationProgramRegistry[name];
    const sol: ClassificationSolution = await requireSeparableFor(loaded, WHAT, () =>
      loaded.kind === "binary" && entry.data === "binary" ? entry.solve(loaded.data, options)
      : loaded.kind === "multiclass" && entry.data === "multiclass" ? entry.solve(loaded.data, options)
      : Promise.reject(new Error(`maxMarginReferences: ${name} does not take ${loaded.kind} data`)),
    );
    const label = name === "svm-lp" ? `svm-lp (p = ${p})` : name;
    out.push({ name: label, description: entry.description, p, solution: sol.solution, margin: sol.margin!, certificateOk: sol.certificate.ok });
  }
  return out;
}

/** minᵢ uᵢ over the margins */
export function minOf(u: Float64Array): number {
  let m = Infinity;
  for (const v of u) m = Math.min(m, v);
  return m;
}

/** The final iterate against each reference; `minMargin` = minᵢ of the run's margins at w. */
export function compareWith(refs: readonly MaxMarginReference[], w: Float64Array, minMargin: number): Record<string, ReferenceComparison> {
  const out: Record<string, ReferenceComparison> = {};
  for (const r of refs) {
    const nw = normP(w, r.p);
    out[r.name] = {
      angle: angleBetween(w, r.solution),
      directionGap: directionGap(w, r.solution),
      marginGap: nw > 0 ? (r.margin - minMargin / nw) / r.margin : NaN,
    };
  }
  return out;
}

/** The reference at the smallest angle, and those whose own directions coincide with it (indistinguishable here). */
export function closestReference(refs: readonly MaxMarginReference[], cmp: Readonly<Record<string, ReferenceComparison>>): { name: string; ties: string[] } | undefined {
  let best: MaxMarginReference | undefined;
  for (const r of refs) if (Number.isFinite(cmp[r.name].angle) && (!best || cmp[r.name].angle < cmp[best.name].angle)) best = r;
  if (!best) return undefined;
  const ties = refs.filter((r) => r !== best && angleBetween(r.solution, best.solution) < 1e-6).map((r) => r.name);
  return { name: best.name, ties };
}
