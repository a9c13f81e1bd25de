// Two threads (the calling thread and one helper Worker) running a gradient step written as a program of
// WebAssembly kernel calls on one shared memory. Isomorphic: the host starts the helper (Node: a
// worker_threads Worker, src/cli/threads/nodeHost.ts; a browser: a Web Worker, web/teamHost.ts) and runs
// runnerSource() in it; the calling thread must be allowed to block (Node's main thread, or a Web Worker).
//
// A step is a list of phases, a phase a list of independent tasks, a task a list of kernel calls. Both
// threads claim the tasks of a phase from a shared counter (compare-exchange), run them, and wait until
// every task of the phase has finished before either starts the next phase (a barrier). Each task writes
// only its own outputs, and every sum across tasks is itself a task's call in a fixed order, so who ran a
// task changes no number: results are the same bits on every run. A thread the OS has descheduled holds
// at most the task it claimed; the other takes the rest.
//
// A balanced phase has two tasks over `units` units of work whose arguments depend on a split S: task 0
// takes units [0, S), task 1 units [S, units). Thread k runs task k (the other's too, if that thread has
// not claimed it by then), and the task that finishes first moves S by one unit towards itself for the
// next step, so the split follows the threads' speeds (a vCPU slowed by a co-tenant gets less). Its
// kernels must give every output entry the same bits for every S (entries computed whole, in an order
// that does not depend on where the range starts), so the split changes the time and not the results.
//
// Control words (Int32, shared): LIMIT = steps the worker may run (cumulative; < 0 ends it), NEXT = next
// task of an ordinary phase to claim (numbered across those phases and steps), FIN = tasks finished,
// numbered across all phases and steps (step s, phase p owns s·T + off[p] … s·T + off[p] + |phase p| − 1,
// T tasks per step); per balanced phase b, CLAIM + 96b + 32k = steps for which its task k has been
// claimed and CLAIM + 96b + 64 + (s mod 2) = the split of step s (each on its own 128 bytes, as are the
// words above: a word one thread writes often shares no cache line with one the other writes). Waiting
// spins on Atomics.load, then sleeps in Atomics.wait after raising its flag; whoever changes the word
// notifies a raised flag.
import { expTables, wasmSimdModule } from "../../linalg/index.ts";

export type KernelModule = "gd" | "blas" | "kernels";
/** an argument of a balanced phase's call: base + perUnit·S for the phase's split S */
export type SplitArg = readonly [base: number, perUnit: number];
/** one call: module, export, arguments (byte addresses, sizes, scalars) */
export type KernelCall = readonly [module: KernelModule, fn: string, ...args: (number | SplitArg)[]];
export type Task = readonly KernelCall[];
/** two tasks over `units` units, split at S ∈ [1, units − 1] (see the header); S starts at `split` */
export interface BalancedPhase {
  readonly units: number;
  readonly split: number;
  readonly tasks: readonly [Task, Task];
}
export type Phase = readonly Task[] | BalancedPhase;
export type StepProgram = readonly Phase[];

// NEXT = 1; ASLEEP + 0: main's flag, ASLEEP + 1: the worker's; FAILED: the worker threw; READY: the worker is set up;
// CLAIM: the first word of the balanced phases' (three lines each)
const LIMIT = 0, FIN = 2, ASLEEP = 3, FAILED = 5, READY = 6, CLAIM = 32;
/** balanced phases a program may have (their words fill the control block) */
const MAX_BALANCED = 6;
/** how long startTeam waits for the worker to be set up */
const START_MS = 30_000;
/** Atomics.load polls before sleeping (≈ 0.1–0.2 ms; a phase takes 1–100 µs) */
const SPIN = 200_000;
const TAB_BYTES = 8 * (256 + 2201);
/** the control words, from a 128-byte boundary after the tables */
const CTL_START = Math.ceil(TAB_BYTES / 128) * 128;
const CTL_BYTES = 4 * (CLAIM + 96 * MAX_BALANCED);
const DATA_START = CTL_START + CTL_BYTES;
/** two cache lines (the adjacent-line prefetcher pairs lines) */
const LINE = 128;
const MODULES: Record<KernelModule, "gd-shared" | "blas-shared" | "kernels-shared"> = { gd: "gd-shared", blas: "blas-shared", kernels: "kernels-shared" };

/** What the helper thread is given (structured-cloneable: a shared memory, compiled modules, numbers, the program). */
export interface TeamData {
  readonly memory: WebAssembly.Memory;
  readonly modules: Record<KernelModule, WebAssembly.Module>;
  readonly ctl: number;
  readonly spin: number;
  readonly program: StepProgram;
  /** whether balanced phases move their splits (false: each stays where it starts) */
  readonly balance: boolean;
}

interface RunnerData extends TeamData {
  /** 0: the calling thread, 1: the helper */
  readonly self: 0 | 1;
}

/** Starts the helper thread on a team's data: it must call runTeamThread(data) (defined by runnerSource()) there. */
export interface TeamHost {
  start(data: TeamData): { terminate(): void };
}

/**
 * The step runner both threads use; self-contained (no imports, no outer names, the control words by
 * number) because the worker runs it from its source text (an eval Worker needs no TypeScript loader).
 */
function makeRunner(data: RunnerData): { step(s: number): void; ctl: Int32Array } {
  // CLAIM and MAX_BALANCED again: the runner is self-contained (the worker runs it from its source text)
  const CLAIM = 32, MAX_BALANCED = 6;
  const ex: Record<string, Record<string, (...a: number[]) => void>> = {};
  for (const key of Object.keys(data.modules)) {
    const m = data.modules[key as keyof typeof data.modules];
    ex[key] = new WebAssembly.Instance(m, { env: { memory: data.memory } }).exports as unknown as Record<string, (...a: number[]) => void>;
  }
  const ctl = new Int32Array(data.memory.buffer, data.ctl, CLAIM + 96 * MAX_BALANCED);
  const mine = 3 + data.self, other = 4 - data.self, spin = data.spin;
  /** the split of the balanced phase running on this thread (read by bound calls with split arguments) */
  let S = 0;
  /** a call bound to its arguments: no allocation when it runs */
  function bind(call: KernelCall): () => void {
    const f = ex[call[0] as string][call[1] as string];
    if (typeof f !== "function") throw new Error(`two threads: no kernel ${String(call[0])}.${String(call[1])}`);
    const raw = call.slice(2) as readonly (number | SplitArg)[];
    if (raw.some((x) => typeof x !== "number")) {
      // argument k: a plain number as it is, a split argument's base + perUnit·S. One function for every
      // argument (a call site that sees one function stays fast), returning either the number it was given
      // (`raw` holds arrays too, so its numbers stay the objects they are: returning one allocates
      // nothing, where a double computed afresh would be boxed) or an address (a small integer)
      const arg = (k: number): number => {
        const x = raw[k];
        return typeof x === "number" ? x : x[0] + x[1] * S;
      };
      switch (raw.length) {
        case 3: return () => f(arg(0), arg(1), arg(2));
        case 4: return () => f(arg(0), arg(1), arg(2), arg(3));
        case 5: return () => f(arg(0), arg(1), arg(2), arg(3), arg(4));
        case 6: return () => f(arg(0), arg(1), arg(2), arg(3), arg(4), arg(5));
        case 7: return () => f(arg(0), arg(1), arg(2), arg(3), arg(4), arg(5), arg(6));
        default: throw new Error(`two threads: ${raw.length} arguments to ${String(call[1])} in a balanced phase`);
      }
    }
    const a = raw as number[];
    switch (a.length) {
      case 3: return () => f(a[0], a[1], a[2]);
      case 4: return () => f(a[0], a[1], a[2], a[3]);
      case 5: return () => f(a[0], a[1], a[2], a[3], a[4]);
      case 6: return () => f(a[0], a[1], a[2], a[3], a[4], a[5]);
      case 7: return () => f(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
      case 8: return () => f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
      case 9: return () => f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
      case 10: return () => f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
      case 12: return () => f(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11]);
      default: throw new Error(`two threads: ${a.length} arguments to ${String(call[1])}`);
    }
  }
  // per phase: its bound tasks, the first FIN number (off) and NEXT number (offNext) of step 0, and for a
  // balanced phase the index of its control words (else −1) and its units
  const phases: (readonly (() => void)[])[][] = [], off: number[] = [], offNext: number[] = [], bal: number[] = [], units: number[] = [];
  let T = 0, Tn = 0, nb = 0;
  for (const p of data.program) {
    const balanced = !Array.isArray(p);
    const tasks: readonly Task[] = balanced ? (p as BalancedPhase).tasks : (p as readonly Task[]);
    phases.push(tasks.map((task) => task.map(bind)));
    off.push(T);
    offNext.push(Tn);
    bal.push(balanced ? nb++ : -1);
    units.push(balanced ? (p as BalancedPhase).units : 0);
    T += tasks.length;
    if (!balanced) Tn += tasks.length;
  }
  function runTask(task: readonly (() => void)[]): void {
    for (let k = 0; k < task.length; k++) task[k]();
  }
  /**
   * Task k of balanced phase p in step s, if this thread claims it first: at the split of step s; the
   * first of the two tasks to finish sets the next step's split one unit towards itself. True when this
   * call finished the phase's last task (then there is nothing left to take).
   */
  function runBalanced(p: number, k: number, s: number, start: number): boolean {
    const w = CLAIM + 96 * bal[p];
    if (Atomics.compareExchange(ctl, w + 32 * k, s, s + 1) !== s) return false;
    S = Atomics.load(ctl, w + 64 + (s & 1));
    runTask(phases[p][k]);
    if (data.balance && Atomics.load(ctl, 2) === start) Atomics.store(ctl, w + 64 + ((s + 1) & 1), k === 0 ? Math.min(S + 1, units[p] - 1) : Math.max(S - 1, 1));
    const last = Atomics.add(ctl, 2, 1) === start + 1;
    if (Atomics.load(ctl, other) === 1) Atomics.notify(ctl, 2);
    return last;
  }
  /** step s (0-based): every phase's tasks that this thread claims, each phase ended by the barrier */
  function step(s: number): void {
    for (let p = 0; p < phases.length; p++) {
      const tasks = phases[p], start = s * T + off[p], end = start + tasks.length;
      if (bal[p] >= 0) {
        // the other task too if its thread has not claimed it yet (not tried when this one was the last:
        // the claim word is on the other thread's line)
        if (!runBalanced(p, data.self, s, start)) runBalanced(p, 1 - data.self, s, start);
      } else {
        const startNext = s * Tn + offNext[p], endNext = startNext + tasks.length;
        for (;;) {
          const c = Atomics.load(ctl, 1);
          if (c >= endNext) break;
          if (Atomics.compareExchange(ctl, 1, c, c + 1) !== c) continue;
          runTask(tasks[c - startNext]);
          Atomics.add(ctl, 2, 1);
          if (Atomics.load(ctl, other) === 1) Atomics.notify(ctl, 2);
        }
      }
      let fin = Atomics.load(ctl, 2);
      for (let k = 0; fin < end && k < spin; k++) fin = Atomics.load(ctl, 2);
      while (fin < end) {
        if (data.self === 0 && Atomics.load(ctl, 5) !== 0) throw new Error("two threads: the worker thread failed (its error is on stderr, or in a browser's console)");
        if (data.self === 1 && Atomics.load(ctl, 0) < 0) return; // closed (the main thread gave up on this step)
        Atomics.store(ctl, mine, 1);
        fin = Atomics.load(ctl, 2);
        if (fin < end) Atomics.wait(ctl, 2, fin, 100);
        Atomics.store(ctl, mine, 0);
        fin = Atomics.load(ctl, 2);
      }
    }
  }
  if (data.self === 1) {
    // the worker: says it is set up, steps while LIMIT allows, then waits for more (LIMIT < 0 ends it)
    Atomics.store(ctl, 6, 1);
    Atomics.notify(ctl, 6);
    let s = 0;
    for (;;) {
      let limit = Atomics.load(ctl, 0);
      for (let k = 0; limit === s && k < spin; k++) limit = Atomics.load(ctl, 0);
      while (limit === s) {
        Atomics.store(ctl, mine, 1);
        limit = Atomics.load(ctl, 0);
        if (limit === s) Atomics.wait(ctl, 0, s);
        Atomics.store(ctl, mine, 0);
        limit = Atomics.load(ctl, 0);
      }
      if (limit < 0) break;
      step(s);
      s++;
    }
  }
  return { step, ctl };
}

/** A shared memory laid out by a bump allocator: [exp tables | control words | arrays…], 16-byte aligned. */
export class SharedArena {
  readonly memory: WebAssembly.Memory;
  private next = DATA_START;

  /** bytes in use (tables, control words and vectors) */
  get used(): number {
    return this.next;
  }

  constructor(doubles: number) {
    // room for `doubles` plus the padding of up to 64 vectors
    const pages = Math.ceil((DATA_START + 8 * doubles + 2 * LINE * 64) / 65536) + 1;
    this.memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    const { frac, int } = expTables();
    new Float64Array(this.memory.buffer, 0, 256).set(frac);
    new Float64Array(this.memory.buffer, 8 * 256, 2201).set(int);
  }

  /**
   * A zeroed (or initialized) vector in the shared memory, on its own cache lines: it starts at a multiple of
   * 128 bytes and the next one starts 128 bytes past its end, so two threads writing neighbouring vectors
   * never write one line (false sharing made the two-thread logreg-gd pass slower than one thread's).
   * Views stay valid (the memory never grows).
   */
  vector(length: number, init?: ArrayLike<number>): Float64Array {
    const offset = Math.ceil(this.next / LINE) * LINE;
    if (offset + 8 * length > this.memory.buffer.byteLength) throw new RangeError(`SharedArena: no room for ${length} doubles`);
    this.next = offset + 8 * length + LINE;
    const v = new Float64Array(this.memory.buffer, offset, length);
    if (init) v.set(init);
    return v;
  }
}

/** A copy of every vector of the arena (for restoring the state after a warm-up). */
function snapshot(arena: SharedArena): Uint8Array {
  return new Uint8Array(arena.memory.buffer, DATA_START, arena.used - DATA_START).slice();
}

/** The shared-memory builds of the kernel modules, or null where WebAssembly SIMD, threads or SharedArrayBuffer are missing. */
export function sharedModules(): Record<KernelModule, WebAssembly.Module> | null {
  if (typeof SharedArrayBuffer === "undefined") return null;
  const gd = wasmSimdModule(globalThis.WebAssembly, MODULES.gd), blas = wasmSimdModule(globalThis.WebAssembly, MODULES.blas);
  const kernels = wasmSimdModule(globalThis.WebAssembly, MODULES.kernels);
  return gd && blas && kernels ? { gd, blas, kernels } : null;
}

export interface Team {
  /** runs `iters` steps on both threads; returns when all their tasks have finished */
  run(iters: number): void;
  /** ends the worker (run afterwards throws) */
  close(): void;
  /** the split each balanced phase will use in the next step, in program order */
  splits(): number[];
}

export interface TeamOptions {
  /**
   * Warm-up before the team is returned (0: none): steps of the program run for at least this many
   * milliseconds and 500 steps, then every vector is restored, so the first run starts from the state
   * the caller set up. Without it the first few thousand steps run 1.5–4× slower and erratic: the
   * JavaScript that drives the steps is still being compiled, on a background thread that takes one
   * of the two cores from the spinning threads.
   */
  readonly warmMs?: number;
  /** whether balanced phases move their splits to the threads' speeds (default true; false: for tests) */
  readonly balance?: boolean;
}

/**
 * The helper's code: defines runTeamThread(data), which runs the helper's side of the team until it is
 * closed, or raises FAILED (and rethrows) when it throws. Self-contained source text (esbuild's keepNames
 * helper __name stubbed), so a host can start it from a string or a Blob without a module loader.
 */
export function runnerSource(): string {
  return `const __name = (f) => f;
function runTeamThread(data) {
  try { (${makeRunner.toString()})({ ...data, self: 1 }); }
  catch (e) { const c = new Int32Array(data.memory.buffer, ${CTL_START}, 16); Atomics.store(c, ${FAILED}, 1); Atomics.notify(c, ${FIN}); throw e; }
}`;
}

/** Starts the helper on `program` over the arena's memory (through `host`), and waits until it is set up. */
export function startTeam(arena: SharedArena, program: StepProgram, host: TeamHost, options: TeamOptions = {}): Team {
  const modules = sharedModules();
  if (!modules) throw new Error("two threads need WebAssembly SIMD with threads (shared memory)");
  const balanced = program.filter((p): p is BalancedPhase => !Array.isArray(p));
  if (!program.length || program.some((p) => (Array.isArray(p) ? !p.length : false))) throw new Error("two threads: every phase needs a task");
  if (balanced.length > MAX_BALANCED) throw new Error(`two threads: ${balanced.length} balanced phases (at most ${MAX_BALANCED})`);
  for (const b of balanced) {
    if (!(Number.isInteger(b.units) && b.units >= 2 && Number.isInteger(b.split) && b.split >= 1 && b.split < b.units)) {
      throw new Error(`two threads: a balanced phase needs units ≥ 2 and a split in 1 … units − 1 (got ${b.units}, ${b.split})`);
    }
  }
  const T = program.reduce((t, p) => t + (Array.isArray(p) ? p.length : 2), 0);
  const words = new Int32Array(arena.memory.buffer, CTL_START, CTL_BYTES / 4);
  words.fill(0); // a fresh count (one team per arena at a time)
  balanced.forEach((b, k) => words.fill(b.split, CLAIM + 96 * k + 64, CLAIM + 96 * k + 66));
  const data: TeamData = { memory: arena.memory, modules, ctl: CTL_START, spin: SPIN, program, balance: options.balance ?? true };
  const main = makeRunner({ ...data, self: 0 });
  const ctl = main.ctl;
  const worker = host.start(data);
  // wait (untimed, outside any step) until the helper has compiled and bound its kernels
  const t0 = Date.now();
  while (Atomics.load(ctl, READY) === 0 && Atomics.load(ctl, FAILED) === 0 && Date.now() - t0 < START_MS) Atomics.wait(ctl, READY, 0, 50);
  if (Atomics.load(ctl, READY) === 0) {
    Atomics.store(ctl, LIMIT, -1);
    worker.terminate();
    throw new Error(Atomics.load(ctl, FAILED) ? "two threads: the worker thread failed to start (its error is on stderr, or in a browser's console)" : `two threads: the worker thread did not start within ${START_MS / 1000} s`);
  }
  let steps = 0, closed = false;
  const team: Team = {
    run(iters) {
      if (closed) throw new Error("two threads: run after close (the worker has ended)");
      if ((steps + iters) * T > 2 ** 31 - 1) throw new RangeError(`two threads: ${steps + iters} steps overflow the task counters`);
      const end = steps + iters;
      Atomics.store(ctl, LIMIT, end);
      if (Atomics.load(ctl, ASLEEP + 1) === 1) Atomics.notify(ctl, LIMIT);
      try {
        for (let s = steps; s < end; s++) main.step(s);
      } catch (e) {
        team.close(); // the counts are mid-step: no further run
        throw e;
      }
      steps = end;
    },
    splits: () => balanced.map((_, k) => words[CLAIM + 96 * k + 64 + (steps & 1)]),
    close() {
      closed = true;
      Atomics.store(ctl, LIMIT, -1);
      Atomics.notify(ctl, LIMIT);
    },
  };
  const warmMs = options.warmMs ?? 0;
  if (warmMs > 0) {
    const saved = snapshot(arena);
    const t0 = performance.now();
    for (let n = 0; n < 20_000 && (n < 500 || performance.now() - t0 < warmMs); n += 100) team.run(100);
    new Uint8Array(arena.memory.buffer, DATA_START, saved.length).set(saved);
  }
  return team;
}

