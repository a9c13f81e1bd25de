// Margin losses by id, for the command line and the playground.
import type { MarginLoss } from "./marginLoss.ts";
import { exponentialLoss, expPowerLoss, logisticLoss } from "./marginExponential.ts";
import { polynomialLoss } from "./marginPolynomial.ts";
import { hingeLoss, perceptronLoss } from "./marginHinge.ts";

interface Entry {
  readonly description: string;
  /** true when the loss needs the tail exponent ν */
  readonly needsNu: boolean;
  make(nu: number): MarginLoss;
}

const entries: Readonly<Record<string, Entry>> = {
  logistic: { description: "log(1 + e^{−u})", needsNu: false, make: () => logisticLoss },
  exponential: { description: "e^{−u}", needsNu: false, make: () => exponentialLoss },
  "exp-power": { description: "exp(−u^ν) (tangent-line continuation below u = 1)", needsNu: true, make: expPowerLoss },
  polynomial: { description: "u^{−ν} (quadratic continuation below u = 1)", needsNu: true, make: polynomialLoss },
  hinge: { description: "max(0, 1 − u)", needsNu: false, make: () => hingeLoss },
  perceptron: { description: "max(0, −u)", needsNu: false, make: () => perceptronLoss },
};

/** id → one-line description (with "(needs ν)" where it applies) */
export function marginLossIds(): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).map(([id, e]) => [id, e.needsNu ? `${e.description} (needs ν)` : e.description]));
}

/** The margin loss named `id`; ν is required by exp-power and polynomial and refused by the others. */
export function marginLossFromId(id: string, options: { readonly nu?: number } = {}): MarginLoss {
  const e = Object.prototype.hasOwnProperty.call(entries, id) ? entries[id] : undefined;
  if (!e) throw new RangeError(`unknown margin loss "${id}"; allowed: ${Object.keys(entries).join(", ")}`);
  if (e.needsNu) {
    if (options.nu === undefined) throw new RangeError(`margin loss "${id}" needs ν (a positive number)`);
    return e.make(options.nu);
  }
  if (options.nu !== undefined) throw new RangeError(`margin loss "${id}" takes no ν (only exp-power and polynomial do)`);
  return e.make(1);
}
