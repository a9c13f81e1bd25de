// The playground's whole state, driven by one declarative table: the controls are built from it
// and the state round-trips through the URL's query (?demo=least-squares&steps=20000), so a link
// reproduces a run. Pure functions of their inputs: no globals, no DOM.

export const DEMOS = ["separable", "least-squares"] as const;
export type DemoId = (typeof DEMOS)[number];

export interface State {
  readonly demo: DemoId;
  /** seeds the Rng that draws the data (runs are deterministic given the state) */
  readonly seed: number;
  /** iterations of every optimizer */
  readonly steps: number;
  /** false forces the plain TypeScript kernels where WebAssembly SIMD ones exist */
  readonly simd: boolean;
  // separable: logistic loss on a stretched 2-D instance
  readonly points: number;
  readonly stretch: number;
  /** normalized GD's step η = eta / R, R = maxᵢ ‖xᵢ‖ */
  readonly eta: number;
  // least squares: X ∈ R^{rows×cols}, y = Xw*
  readonly rows: number;
  readonly cols: number;
  /** nonzeros of w* (0: a dense Gaussian w*) */
  readonly sparsity: number;
  /** β of mirror descent's hyperbolic-entropy potential (→ min-ℓ1 as β → 0) */
  readonly beta: number;
}

interface Common {
  readonly label: string;
  /** the demo the property belongs to (none: every demo) */
  readonly demo?: DemoId;
}
export interface IntProperty extends Common { readonly kind: "int"; readonly default: number; readonly min: number; readonly max: number }
export interface NumberProperty extends Common { readonly kind: "number"; readonly default: number; readonly min: number; readonly max: number }
export interface BoolProperty extends Common { readonly kind: "bool"; readonly default: boolean }
export interface EnumProperty<T extends string> extends Common { readonly kind: "enum"; readonly default: T; readonly values: readonly T[] }

type PropertyFor<V> = [V] extends [boolean] ? BoolProperty : [V] extends [number] ? IntProperty | NumberProperty : [V] extends [string] ? EnumProperty<V> : never;
export type Property = IntProperty | NumberProperty | BoolProperty | EnumProperty<string>;

/** Every property of the state, in the order the controls show them. */
export const PROPERTIES: { readonly [K in keyof State]: PropertyFor<State[K]> } = {
  demo: { kind: "enum", label: "demo", default: "separable", values: DEMOS },
  seed: { kind: "int", label: "seed", default: 1, min: 0, max: 2 ** 31 - 1 },
  steps: { kind: "int", label: "steps T", default: 100000, min: 1, max: 10_000_000 },
  simd: { kind: "bool", label: "WebAssembly SIMD kernels", default: true },
  points: { kind: "int", label: "points n", default: 100, min: 4, max: 2000, demo: "separable" },
  stretch: { kind: "number", label: "stretch", default: 3, min: 1, max: 20, demo: "separable" },
  eta: { kind: "number", label: "normalized GD η·R", default: 1, min: 1e-3, max: 10, demo: "separable" },
  rows: { kind: "int", label: "examples n", default: 20, min: 1, max: 500, demo: "least-squares" },
  cols: { kind: "int", label: "features d", default: 60, min: 2, max: 2000, demo: "least-squares" },
  sparsity: { kind: "int", label: "nonzeros of w* (0: dense)", default: 0, min: 0, max: 2000, demo: "least-squares" },
  beta: { kind: "number", label: "hyperbolic β", default: 1e-6, min: 1e-8, max: 10, demo: "least-squares" },
};

export const KEYS = Object.keys(PROPERTIES) as (keyof State)[];

export function defaultState(): State {
  return Object.fromEntries(KEYS.map((k) => [k, PROPERTIES[k].default])) as unknown as State;
}

/** The value of one property parsed from text, or a message saying what is allowed. */
export function parseValue(p: Property, text: string): { value: State[keyof State] } | { problem: string } {
  switch (p.kind) {
    case "bool":
      if (text === "1" || text === "true") return { value: true };
      if (text === "0" || text === "false") return { value: false };
      return { problem: "must be 1 or 0" };
    case "enum":
      return (p.values as readonly string[]).includes(text) ? { value: text as DemoId } : { problem: `must be one of ${p.values.join(", ")}` };
    case "int":
    case "number": {
      const v = text.trim() === "" ? NaN : Number(text);
      if (!Number.isFinite(v) || (p.kind === "int" && !Number.isInteger(v)) || v < p.min || v > p.max) {
        return { problem: `must be ${p.kind === "int" ? "an integer" : "a number"} in [${p.min}, ${p.max}]` };
      }
      return { value: v };
    }
  }
}

/** The state a query string describes: unknown keys and bad values are reported and left at their defaults. */
export function parseState(query: string): { state: State; problems: string[] } {
  const params = new URLSearchParams(query);
  const state: Record<string, unknown> = { ...defaultState() };
  const problems: string[] = [];
  for (const [key, text] of params) {
    if (!(key in PROPERTIES)) {
      problems.push(`unknown setting '${key}' (known: ${KEYS.join(", ")})`);
      continue;
    }
    const r = parseValue(PROPERTIES[key as keyof State], text);
    if ("problem" in r) problems.push(`${key}=${text}: ${r.problem}`);
    else state[key] = r.value;
  }
  if ((state.sparsity as number) > (state.cols as number)) {
    problems.push(`sparsity=${state.sparsity}: must be at most cols (${state.cols})`);
    state.sparsity = Math.min(PROPERTIES.sparsity.default, state.cols as number);
  }
  return { state: state as unknown as State, problems };
}

/** The query string for a state: the demo, then every setting that differs from its default. */
export function serializeState(state: State): string {
  const params = new URLSearchParams();
  params.set("demo", state.demo);
  for (const k of KEYS) {
    const v = state[k];
    if (k === "demo" || v === PROPERTIES[k].default) continue;
    params.set(k, typeof v === "boolean" ? (v ? "1" : "0") : String(v));
  }
  return params.toString();
}

/** The properties the controls show for a demo: the common ones and the demo's own. */
export function propertiesFor(demo: DemoId): (keyof State)[] {
  return KEYS.filter((k) => PROPERTIES[k].demo === undefined || PROPERTIES[k].demo === demo);
}
