// HiGHS (LP solver compiled to WebAssembly), loaded once per process and shared.
// solveLp takes a dense constraint matrix and returns the primal and dual solution.
import * as highsModule from "highs";
import type { Highs } from "highs";

// The package's types describe a CommonJS module while Node loads its ES build:
// the loader is the default export in one reading and default.default in the other.
type Loader = () => Promise<Highs>;
const exported = highsModule as unknown as { default: Loader | { default: Loader } };
const highsLoader: Loader = typeof exported.default === "function" ? exported.default : exported.default.default;

let highsPromise: Promise<Highs> | undefined;

/** The HiGHS runtime, instantiated on first use (a failed load is retried next time). */
export function loadHighs(): Promise<Highs> {
  const loading =
    highsPromise ??
    highsLoader().catch((e: unknown) => {
      highsPromise = undefined;
      throw new Error(`could not load the HiGHS LP solver: ${(e as Error).message}`);
    });
  highsPromise = loading;
  return loading;
}

/** min cᵀx s.t. rowLower ≤ A x ≤ rowUpper, colLower ≤ x ≤ colUpper (±Infinity for none) */
export interface DenseLp {
  readonly cost: Float64Array;
  /** rows × cols, row-major */
  readonly A: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
}

export interface LpSolution {
  /** HiGHS model status name, "optimal" when solved */
  readonly status: string;
  readonly x: Float64Array;
  /** row duals y with reduced costs c − Aᵀy (HiGHS convention) */
  readonly rowDual: Float64Array;
  readonly objective: number;
  readonly iterations: number;
  readonly seconds: number;
}

export interface LpOptions {
  /** wall-clock limit in seconds handed to HiGHS (default 60) */
  readonly timeLimit?: number;
}

export async function solveLp(lp: DenseLp, options: LpOptions = {}): Promise<LpSolution> {
  const timeLimit = options.timeLimit ?? 60;
  if (!(timeLimit > 0)) throw new RangeError(`solveLp: timeLimit must be a positive number of seconds, got ${timeLimit}`);
  const highs = await loadHighs();
  const inf = highs.infinity;
  const clamp = (a: Float64Array) => Float64Array.from(a, (v) => (v === Infinity ? inf : v === -Infinity ? -inf : v));
  // CSR of the dense matrix without its zeros
  const starts = new Int32Array(lp.rows + 1);
  let nnz = 0;
  for (let i = 0; i < lp.A.length; i++) if (lp.A[i] !== 0) nnz++;
  const indices = new Int32Array(nnz), values = new Float64Array(nnz);
  let k = 0;
  for (let i = 0; i < lp.rows; i++) {
    starts[i] = k;
    for (let j = 0; j < lp.cols; j++) {
      const v = lp.A[i * lp.cols + j];
      if (v !== 0) {
        indices[k] = j;
        values[k++] = v;
      }
    }
  }
  starts[lp.rows] = k;
  const statusNames = Object.fromEntries(Object.entries(highs.constants.modelStatus).map(([name, code]) => [code, name])) as Record<number, string>;
  return highs.withModel(
    {
      numCols: lp.cols,
      numRows: lp.rows,
      colCost: lp.cost,
      colLower: clamp(lp.colLower),
      colUpper: clamp(lp.colUpper),
      rowLower: clamp(lp.rowLower),
      rowUpper: clamp(lp.rowUpper),
      matrix: { format: "csr", numRows: lp.rows, numCols: lp.cols, starts, indices, values },
    },
    (model) => {
      model.options.set({
        output_flag: false,
        time_limit: timeLimit,
        solver: "simplex",
        primal_feasibility_tolerance: 1e-10,
        dual_feasibility_tolerance: 1e-10,
      });
      model.run();
      const code = model.getModelStatus();
      const solution = model.getSolution();
      return {
        status: statusNames[code] ?? `status ${code}`,
        x: Float64Array.from(solution.colValue),
        rowDual: Float64Array.from(solution.rowDual),
        objective: model.getObjectiveValue(),
        iterations: Number(model.info.get("simplex_iteration_count")),
        seconds: model.getRunTime(),
      };
    },
  );
}

/**
 * Writes the 2d rows of the ℓ∞ ball |wⱼ| ≤ t (wⱼ − t ≤ 0 and wⱼ + t ≥ 0) into a dense
 * row-major constraint matrix, starting at row `first`, with w in columns 0..d−1 and t in
 * column d; also sets the cost to t and t's lower bound to 0.
 */
export function linfBallRows(d: number, first: number, cols: number, A: Float64Array, rowLower: Float64Array, rowUpper: Float64Array, cost: Float64Array, colLower: Float64Array): void {
  for (let j = 0; j < d; j++) {
    const a = (first + 2 * j) * cols, b = (first + 2 * j + 1) * cols;
    A[a + j] = 1;
    A[a + d] = -1;
    rowLower[first + 2 * j] = -Infinity;
    rowUpper[first + 2 * j] = 0;
    A[b + j] = 1;
    A[b + d] = 1;
    rowLower[first + 2 * j + 1] = 0;
    rowUpper[first + 2 * j + 1] = Infinity;
  }
  cost[d] = 1;
  colLower[d] = 0;
}

/** [M, −M] row-major (rows × 2·cols): the constraint matrix of w = w⁺ − w⁻ with w± ≥ 0, for min ‖w‖₁ LPs. */
export function splitColumns(data: Float64Array, rows: number, cols: number): Float64Array {
  const A = new Float64Array(rows * 2 * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j];
      A[i * 2 * cols + j] = v;
      A[i * 2 * cols + cols + j] = -v;
    }
  }
  return A;
}
