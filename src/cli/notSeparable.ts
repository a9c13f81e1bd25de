// Non-separable data where a max-margin program needs separable data: one line that says so,
// names the examples of the separability LP's certificate (Gordan: λ ≥ 0, Σλ = 1,
// Σλᵢyᵢxᵢ = 0), and says what would help.
import { NotSeparableError, separabilityCheck } from "../references/index.ts";
import type { LoadedClassification } from "./classificationData.ts";
import { UsageError } from "./errors.ts";

const REMEDY = "add a bias column (a constant feature, e.g. 1) if a hyperplane with an offset separates the classes";

/** Runs `solve`; a NotSeparableError becomes a UsageError naming the certificate's examples. */
export async function requireSeparableFor<T>(loaded: LoadedClassification, what: string, solve: () => Promise<T> | T): Promise<T> {
  try {
    return await solve();
  } catch (e) {
    if (!(e instanceof NotSeparableError)) throw e;
    throw await notSeparableError(loaded, what, e);
  }
}

async function notSeparableError(loaded: LoadedClassification, what: string, cause: NotSeparableError): Promise<UsageError> {
  const needs = `${what} needs data that are linearly separable through the origin: ${REMEDY}${loaded.kind === "binary" ? "; 'biaslab solve separable' prints the certificate" : ""}`;
  if (loaded.kind === "multiclass") {
    return new UsageError(`the classes of ${loaded.source} are not linearly separable through the origin: no W has ⟨w_c − w_r, xᵢ⟩ > 0 for every example i of class c and every r ≠ c`, needs);
  }
  const check = await separabilityCheck(loaded.data.X, loaded.data.y);
  if (check.separable) {
    // separable, but with a margin too small for the solver to resolve
    return new UsageError(`${loaded.source}: ${cause.message.replace(/^\w+: /, "")}`, `the separability LP finds ${check.message}; rescale the features or drop near-duplicate examples of opposite labels`);
  }
  const support: number[] = [];
  check.farkas!.forEach((l, i) => {
    if (l > 1e-9) support.push(i);
  });
  const shown = support.slice(0, 6).map((i) => loaded.position(loaded.index[i]));
  const list = `${shown.join(", ")}${support.length > shown.length ? `, … (${support.length} in all)` : ""}`;
  return new UsageError(
    `${loaded.source} is not linearly separable through the origin: a convex combination of yᵢxᵢ over ${list} is 0, so no w has every margin yᵢ⟨w, xᵢ⟩ > 0`,
    needs,
  );
}
