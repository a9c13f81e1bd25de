// Two-thread variants of the logreg-gd and diag-net-gd loops (Node only: worker_threads). The rows are
// cut into K chunks (multiples of 4 rows, so each is summed in the same four-row blocks as the
// one-thread pass) and each step the main thread and one Worker take chunks from a shared counter,
// each chunk's partial gradient gₖ going to its own buffer; the main thread then sums g₀ + g₁ + … + g_{K−1}
// in that fixed order and updates w. Who computed a chunk does not change any number, so the result is
// the same every run (equal to the one-thread loop up to the order of the sum), and a worker that the
// OS has descheduled costs at most the chunk it holds: the main thread takes the rest.
// All on one shared WebAssembly.Memory (the gd module built with a shared memory import). Control words:
//   GO = the step the main thread opened (wakes the worker), NEXT = next chunk to claim (numbered across
//   steps: step t = 1, 2, … owns (t − 1)·K … t·K − 1; claimed by compare-exchange, so a late claim fails), FIN =
//   chunks finished (across steps). The worker reads w only after GO = t, set after the previous update.
// Waiting spins on Atomics.load for a while, then sleeps in Atomics.wait (a flag asks for Atomics.notify).
import { Worker } from "node:worker_threads";
import { Matrix, expTables, wasmSimdModule, type GdExports } from "../linalg/index.ts";
import { diagNetProblem, normalizedMargin, separableMarginRows, type BenchInstance, type Workload } from "../bench/index.ts";

/** control words (Int32 indices) */
const GO = 0, NEXT = 1, FIN = 2, WORKER_ASLEEP = 3, MAIN_ASLEEP = 4;
/** Atomics.load polls before sleeping (≈ 0.1–0.2 ms; a step takes 15–40 µs) */
const SPIN = 200_000;
/**
 * A sleeping worker is woken only every PROBE + 1 steps: on a loaded machine a worker woken every step
 * lands on the main thread's core and slows it more than it helps (measured: 0.5× one thread at load 3.5
 * with a wake every step); an awake one spins and takes chunks.
 */
const PROBE = 7;
const TAB_BYTES = 8 * (256 + 2201);

/** One chunk's fused pass: (a, rows, d, x, y, r, out, tab, mode), byte addresses. */
type Pass = readonly [a: number, n: number, d: number, x: number, y: number, r: number, out: number, tab: number, mode: 0 | 1];

interface WorkerData {
  readonly memory: WebAssembly.Memory;
  readonly module: WebAssembly.Module;
  readonly ctl: number;
  readonly spin: number;
  readonly chunks: readonly Pass[];
}

/**
 * The worker's loop, run from its source text (an eval Worker needs no TypeScript loader), so it is
 * self-contained: no imports, no outer names (the control words by number). GO < 0 ends it.
 */
function workerLoop(data: WorkerData): void {
  const gd = new WebAssembly.Instance(data.module, { env: { memory: data.memory } }).exports as unknown as GdExports;
  const ctl = new Int32Array(data.memory.buffer, data.ctl, 8);
  const chunks = data.chunks, K = chunks.length;
  let seen = 0;
  for (;;) {
    let go = Atomics.load(ctl, 0);
    for (let s = 0; go === seen && s < data.spin; s++) go = Atomics.load(ctl, 0);
    while (go === seen) {
      Atomics.store(ctl, 3, 1);
      Atomics.wait(ctl, 0, seen);
      Atomics.store(ctl, 3, 0);
      go = Atomics.load(ctl, 0);
    }
    if (go < 0) return;
    seen = go;
    const end = go * K; // step go − 1 owns chunks (go − 1)·K … go·K − 1
    for (;;) {
      const c = Atomics.load(ctl, 1);
      if (c >= end) break;
      if (Atomics.compareExchange(ctl, 1, c, c + 1) !== c) continue;
      const p = chunks[c - end + K];
      gd.fused_pass(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
      Atomics.add(ctl, 2, 1);
      if (Atomics.load(ctl, 4) === 1) Atomics.notify(ctl, 2);
    }
  }
}

/** A shared memory laid out by a bump allocator: [exp tables | control words | arrays…] (16-byte aligned). */
class SharedLayout {
  readonly memory: WebAssembly.Memory;
  readonly gd: GdExports;
  readonly module: WebAssembly.Module;
  readonly ctl: Int32Array;
  private next: number;

  constructor(module: WebAssembly.Module, doubles: number) {
    const pages = Math.ceil((TAB_BYTES + 32 + 8 * doubles) / 65536) + 1;
    this.module = module;
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    this.gd = new WebAssembly.Instance(module, { env: { memory: this.memory } }).exports as unknown as GdExports;
    const { frac, int } = expTables();
    new Float64Array(this.memory.buffer, 0, 256).set(frac);
    new Float64Array(this.memory.buffer, 8 * 256, 2201).set(int);
    this.ctl = new Int32Array(this.memory.buffer, TAB_BYTES, 8);
    this.next = TAB_BYTES + 32;
  }

  vector(length: number, init?: ArrayLike<number>): Float64Array {
    const offset = Math.ceil(this.next / 16) * 16;
    this.next = offset + 8 * length;
    const v = new Float64Array(this.memory.buffer, offset, length);
    if (init) v.set(init);
    return v;
  }
}

/** chunk boundaries 0 = b₀ < b₁ < … < b_K = n, inner ones multiples of 4 (K at most ⌈n/4⌉) */
export function chunkBounds(n: number, K: number): number[] {
  const k = Math.max(1, Math.min(K, Math.ceil(n / 4)));
  const b = [0];
  for (let i = 1; i < k; i++) b.push(Math.max(b[i - 1] + 4, 4 * Math.round((i * n) / (4 * k))));
  b.push(n);
  return b;
}

/**
 * The step loop of both threads: the chunks' passes (chunks[k] writes gₖ = outs[k]), then on the main
 * thread g₀ ← g₀ + g₁ + … (in order) and `update` (which reads g₀). close() ends the worker.
 */
function twoThreadLoop(L: SharedLayout, chunks: readonly Pass[], update: () => void): { run(iters: number): void; close(): void } {
  const ctl = L.ctl, gd = L.gd, K = chunks.length;
  const d = chunks[0][2], g0 = chunks[0][6];
  const data: WorkerData = { memory: L.memory, module: L.module, ctl: ctl.byteOffset, spin: SPIN, chunks };
  const worker = new Worker(`(${workerLoop.toString()})(require("node:worker_threads").workerData)`, { eval: true, workerData: data });
  worker.unref();
  let step = 0, closed = false;
  return {
    run(iters) {
      if (closed) throw new Error("two-thread loop: run after close (the worker has ended)");
      for (let t = 0; t < iters; t++) {
        const end = (step + 1) * K;
        step++;
        Atomics.store(ctl, GO, step);
        if ((step & PROBE) === 0 && Atomics.load(ctl, WORKER_ASLEEP) === 1) Atomics.notify(ctl, GO);
        for (;;) {
          const c = Atomics.load(ctl, NEXT);
          if (c >= end) break;
          if (Atomics.compareExchange(ctl, NEXT, c, c + 1) !== c) continue;
          const p = chunks[c - end + K];
          gd.fused_pass(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
          Atomics.add(ctl, FIN, 1);
        }
        let fin = Atomics.load(ctl, FIN);
        for (let s = 0; fin !== end && s < SPIN; s++) fin = Atomics.load(ctl, FIN);
        while (fin !== end) {
          Atomics.store(ctl, MAIN_ASLEEP, 1);
          Atomics.wait(ctl, FIN, fin);
          Atomics.store(ctl, MAIN_ASLEEP, 0);
          fin = Atomics.load(ctl, FIN);
        }
        for (let k = 1; k < K; k++) gd.sub_scaled(g0, chunks[k][6], d, -1); // g₀ += gₖ (−1 · gₖ is exact)
        update();
      }
    },
    close() {
      closed = true;
      Atomics.store(ctl, GO, -1);
      Atomics.notify(ctl, GO);
    },
  };
}

export interface TwoThreadInstance extends BenchInstance {
  readonly w: Float64Array;
  /** ends the worker (the instance cannot run afterwards) */
  close(): void;
}

function gdSharedModule(): WebAssembly.Module {
  const m = wasmSimdModule(globalThis.WebAssembly, "gd-shared");
  if (!m || typeof SharedArrayBuffer === "undefined") throw new Error("two threads need WebAssembly SIMD with threads (shared memory)");
  return m;
}

/** chunks per step: two (one per thread; 4 and 8 balance no better here and cost more atomics and sums) */
const CHUNKS = 2;

/** logreg-gd on two threads: w ← w − (η/n) Σₖ gₖ, gₖ = Σ over chunk k's rows of ℓ′(⟨zᵢ,w⟩) zᵢ. */
export function logregGdTwoThreads(Z: Matrix, eta = 1, chunksPerStep = CHUNKS): TwoThreadInstance {
  const n = Z.rows, d = Z.cols, b = chunkBounds(n, chunksPerStep), K = b.length - 1;
  const c = eta / n;
  const L = new SharedLayout(gdSharedModule(), n * d + (K + 1) * d + 2 * (K + 2));
  const Za = L.vector(n * d, Z.data), w = L.vector(d);
  const pz = Za.byteOffset, pw = w.byteOffset;
  const chunks: Pass[] = [];
  for (let k = 0; k < K; k++) chunks.push([pz + 8 * b[k] * d, b[k + 1] - b[k], d, pw, 0, 0, L.vector(d).byteOffset, 0, 1]);
  const gd = L.gd, pg0 = chunks[0][6];
  const loop = twoThreadLoop(L, chunks, () => gd.sub_scaled(pw, pg0, d, c));
  const margins = new Float64Array(n);
  return { w, simd: true, run: loop.run, close: loop.close, check: () => normalizedMargin(Z, w, margins) };
}

/** diag-net-gd on two threads: r = Xw − y and gₖ = Xₖᵀrₖ over chunk k's rows, then u, v, w from Σₖ gₖ. */
export function diagNetGdTwoThreads(X: Matrix, y: Float64Array, alpha = 0.01, eta = 0.05, chunksPerStep = CHUNKS): TwoThreadInstance & { readonly u: Float64Array; readonly v: Float64Array } {
  const N = X.rows, d = X.cols, b = chunkBounds(N, chunksPerStep), K = b.length - 1;
  const c = 2 * eta;
  const L = new SharedLayout(gdSharedModule(), N * d + 2 * N + (K + 3) * d + 2 * (K + 6));
  const Xa = L.vector(N * d, X.data), ya = L.vector(N, y), r = L.vector(N);
  const u = L.vector(d).fill(alpha), v = L.vector(d).fill(alpha), w = L.vector(d);
  const px = Xa.byteOffset, py = ya.byteOffset, pr = r.byteOffset, pu = u.byteOffset, pv = v.byteOffset, pw = w.byteOffset;
  const chunks: Pass[] = [];
  for (let k = 0; k < K; k++) chunks.push([px + 8 * b[k] * d, b[k + 1] - b[k], d, pw, py + 8 * b[k], pr + 8 * b[k], L.vector(d).byteOffset, 0, 0]);
  const gd = L.gd, pg0 = chunks[0][6];
  const loop = twoThreadLoop(L, chunks, () => gd.diag_update(pu, pv, pw, pg0, d, c));
  const check = () => {
    let s = 0;
    for (let j = 0; j < d; j++) s += Math.abs(w[j]);
    return s;
  };
  return { u, v, w, simd: true, run: loop.run, close: loop.close, check };
}

/** The workloads that have a two-thread variant, with that variant as their instance (same data, same check). */
export function twoThreadWorkload(w: Workload): Workload | null {
  if (w.name === "logreg-gd") {
    return { ...w, instance: (scale, rng) => logregGdTwoThreads(separableMarginRows(rng, w.sizes(scale).n, w.sizes(scale).d).Z) };
  }
  if (w.name === "diag-net-gd") {
    return {
      ...w,
      instance: (scale, rng) => {
        const { X, y } = diagNetProblem(rng, w.sizes(scale).N, w.sizes(scale).d);
        return diagNetGdTwoThreads(X, y);
      },
    };
  }
  return null;
}
