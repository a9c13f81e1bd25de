// The optimizer loop: steps, log-spaced checkpoints with exact losses, stop rules
// (iteration budget, loss target, time limit, divergence, abort) and throttled
// progress. One generator holds the loop; a sync driver runs it straight through
// and the async driver yields to the event loop every ~50 ms so that an
// AbortSignal (Ctrl-C, a Web Worker message) can land. Between polls a step costs
// the optimizer's step plus a few comparisons: nothing is allocated per step.
import { allFinite } from "../linalg/index.ts";
import type { Objective } from "../models/index.ts";
import type { Optimizer, OptimizerState } from "../optimizers/index.ts";
import type { Rng } from "../random/index.ts";
import { logSpacedCheckpoints } from "./checkpoints.ts";
import type { StopReason } from "./types.ts";

export interface RunOptions<S extends OptimizerState = OptimizerState> {
  readonly objective: Objective;
  readonly optimizer: Optimizer<S>;
  readonly theta0: Float64Array;
  /** handed to optimizer.init (stochastic methods draw from it) */
  readonly rng: Rng;
  /** iteration budget (an integer ≥ 0) */
  readonly maxIter: number;
  /** ascending iterations at which the exact loss is computed and onCheckpoint called; default logSpacedCheckpoints(maxIter) */
  readonly checkpoints?: ArrayLike<number>;
  /** stop once the exact objective is ≤ this */
  readonly lossTarget?: number;
  /** stop after this much wall time */
  readonly timeLimitMs?: number;
  /** a loss above factor·|L(θ₀)| counts as divergence; default 1e8, Infinity keeps only the NaN/Inf rule */
  readonly divergence?: { readonly factor?: number };
  /**
   * Called at each checkpoint with the exact loss L(θ_t), and once more at the
   * last iteration when the run stops elsewhere (unless it diverged).
   */
  readonly onCheckpoint?: (t: number, state: S, loss: number) => void;
  /** fraction of the budget done, at most every ~100 ms, and 1 at the end */
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
}

export interface Divergence {
  /** the iteration at which it was detected */
  readonly iteration: number;
  readonly reason: string;
}

export interface RunOutcome<S extends OptimizerState = OptimizerState> {
  readonly state: S;
  readonly stopReason: StopReason;
  /** steps taken */
  readonly iterations: number;
  readonly seconds: number;
  /** exact L(θ₀) */
  readonly initialLoss: number;
  /** exact L at the last iterate (NaN when diverged) */
  readonly finalLoss: number;
  readonly divergence?: Divergence;
  /** (t, exact loss) at every checkpoint reached, and at the stop */
  readonly lossHistory: { readonly t: number[]; readonly loss: number[] };
}

const YIELD_MS = 50;
const PROGRESS_MS = 100;
const MAX_POLL_EVERY = 4096;
const MAX_CONFIRM_GAP = 1024;

/**
 * Runs `optimizer` on `objective` from θ₀ and returns the final state and why it
 * stopped. Divergence (reported, never thrown): a non-finite loss or θ, or a loss
 * above factor·|L(θ₀)| (factor·1 when L(θ₀) = 0). The optimizer's own `state.loss`
 * is checked every step (it may be a minibatch loss: a loss target it meets is
 * confirmed with the exact objective); θ is checked for NaN/Inf at every poll and
 * checkpoint; the time limit and the abort signal at polls, whose spacing adapts
 * to ~2–20 ms.
 */
export async function runOptimizer<S extends OptimizerState>(opts: RunOptions<S>): Promise<RunOutcome<S>> {
  const loop = optimizerLoop(opts);
  for (;;) {
    const r = loop.next();
    if (r.done) return r.value;
    await macrotask();
  }
}

/** The same loop without yielding to the event loop (abort signals set from elsewhere cannot land). */
export function runOptimizerSync<S extends OptimizerState>(opts: RunOptions<S>): RunOutcome<S> {
  const loop = optimizerLoop(opts);
  for (;;) {
    const r = loop.next();
    if (r.done) return r.value;
  }
}

function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function validCheckpoints(maxIter: number, given: ArrayLike<number> | undefined): Int32Array {
  if (given === undefined) return logSpacedCheckpoints(maxIter);
  const out: number[] = [];
  for (let i = 0; i < given.length; i++) {
    const t = given[i];
    if (!Number.isInteger(t) || t < 0) throw new RangeError(`runOptimizer: checkpoint ${t} is not an integer ≥ 0`);
    if (i > 0 && !(t > given[i - 1])) throw new RangeError(`runOptimizer: checkpoints must be strictly increasing (${given[i - 1]} then ${t})`);
    if (t <= maxIter) out.push(t);
  }
  return Int32Array.from(out);
}

function* optimizerLoop<S extends OptimizerState>(opts: RunOptions<S>): Generator<void, RunOutcome<S>, void> {
  const { objective, optimizer, maxIter, lossTarget, timeLimitMs, onCheckpoint, onProgress, signal } = opts;
  if (!Number.isInteger(maxIter) || maxIter < 0) throw new RangeError(`runOptimizer: maxIter must be an integer ≥ 0, got ${maxIter}`);
  if (opts.theta0.length !== objective.dim) {
    throw new RangeError(`runOptimizer: θ₀ has length ${opts.theta0.length}, objective ${objective.name} has dimension ${objective.dim}`);
  }
  const factor = opts.divergence?.factor ?? 1e8;
  if (!(factor > 1)) throw new RangeError(`runOptimizer: divergence factor must be > 1, got ${factor}`);
  const checkpoints = validCheckpoints(maxIter, opts.checkpoints);
  const target = lossTarget ?? -Infinity;
  const timeLimit = timeLimitMs ?? Infinity;

  const start = performance.now();
  const state = optimizer.init(objective, opts.theta0, opts.rng);
  const theta = state.theta;
  const hist = { t: [] as number[], loss: [] as number[] };
  const initialLoss = objective.value(theta);
  const limit = factor * (initialLoss !== 0 ? Math.abs(initialLoss) : 1);

  // (the cast keeps TS from narrowing: diverge() assigns it from a closure)
  let stopReason = "max-iterations" as StopReason;
  let divergence: Divergence | undefined;
  let lastReportedT = -1;
  let lastExactLoss = NaN;

  const diverge = (iteration: number, reason: string): void => {
    stopReason = "diverged";
    divergence = { iteration, reason };
  };
  /** why L at iteration t means divergence, or undefined if it does not */
  const lossTrouble = (L: number, t: number): string | undefined => {
    if (!Number.isFinite(L)) return `the loss is ${L} at iteration ${t}`;
    if (Math.abs(L) > limit) return `the loss ${L} exceeds ${factor}× the initial loss ${initialLoss} at iteration ${t}`;
    return undefined;
  };
  /** exact loss at the current iterate, recorded and reported; false if the run diverged */
  const record = (t: number): boolean => {
    const L = objective.value(theta);
    lastExactLoss = L;
    if (!allFinite(theta)) { diverge(t, `θ has a non-finite entry at iteration ${t}`); return false; }
    const trouble = lossTrouble(L, t);
    if (trouble !== undefined) { diverge(t, trouble); return false; }
    hist.t.push(t);
    hist.loss.push(L);
    lastReportedT = t;
    onCheckpoint?.(t, state, L);
    return true;
  };
  /** a checkpoint: false if the run must stop (diverged or loss target met) */
  const checkpoint = (t: number): boolean => {
    if (!record(t)) return false;
    if (lastExactLoss <= target) { stopReason = "loss-target"; return false; }
    return true;
  };

  let running = true;
  if (!Number.isFinite(initialLoss)) {
    diverge(0, `the initial loss is ${initialLoss}`);
    running = false;
  } else if (signal?.aborted) {
    stopReason = "aborted";
    running = false;
  }
  let ci = 0;
  if (running && checkpoints.length > 0 && checkpoints[0] === 0) {
    ci = 1;
    running = checkpoint(0);
  }
  let nextCheckpoint = ci < checkpoints.length ? checkpoints[ci] : -1;

  let it = state.t;
  let sawFiniteLoss = false;
  let confirmGap = 1, nextConfirm = 0;
  let pollEvery = 1, nextPoll = it + 1;
  let lastPoll = start, lastYield = start, lastProgress = start;

  while (running && it < maxIter) {
    optimizer.step(state);
    it++;
    if (state.t !== it) throw new Error(`runOptimizer: optimizer ${optimizer.name} left t = ${state.t} after step ${it} (step must increment t by one)`);
    const L = state.loss;
    if (L === L) {
      if (!(Math.abs(L) <= limit)) { diverge(it, lossTrouble(L, it)!); break; }
      sawFiniteLoss = true;
      if (L <= target && it >= nextConfirm) {
        // the optimizer's loss may be a minibatch estimate: confirm with the exact one
        if (objective.value(theta) <= target) {
          if (record(it)) stopReason = "loss-target";
          break;
        }
        confirmGap = Math.min(2 * confirmGap, MAX_CONFIRM_GAP);
        nextConfirm = it + confirmGap;
      }
    } else if (sawFiniteLoss) {
      diverge(it, `the loss became NaN at iteration ${it}`);
      break;
    }
    if (it === nextCheckpoint) {
      ci++;
      nextCheckpoint = ci < checkpoints.length ? checkpoints[ci] : -1;
      if (!checkpoint(it)) break;
    }
    if (it >= nextPoll) {
      if (!allFinite(theta)) { diverge(it, `θ has a non-finite entry at iteration ${it}`); break; }
      const now = performance.now();
      const dt = now - lastPoll;
      lastPoll = now;
      if (dt < 2 && pollEvery < MAX_POLL_EVERY) pollEvery *= 2;
      else if (dt > 20 && pollEvery > 1) pollEvery >>= 1;
      nextPoll = it + pollEvery;
      if (signal?.aborted) { stopReason = "aborted"; break; }
      if (now - start >= timeLimit) { stopReason = "time-limit"; break; }
      if (onProgress && now - lastProgress >= PROGRESS_MS) {
        lastProgress = now;
        onProgress(Math.max(it / maxIter, timeLimit < Infinity ? (now - start) / timeLimit : 0));
      }
      if (now - lastYield >= YIELD_MS) {
        yield;
        lastYield = performance.now();
        if (signal?.aborted) { stopReason = "aborted"; break; }
      }
    }
  }

  // the last iterate is always reported, unless the run diverged
  if (stopReason !== "diverged" && lastReportedT !== state.t) record(state.t);
  onProgress?.(1);
  return {
    state,
    stopReason,
    iterations: state.t,
    seconds: (performance.now() - start) / 1000,
    initialLoss,
    finalLoss: stopReason === "diverged" ? NaN : lastExactLoss,
    ...(divergence ? { divergence } : {}),
    lossHistory: hist,
  };
}
