// How many cores sat idle over a short window (Node only: os.cpus() times, summed over all cores).
// The bench's default thread count asks this before each loop: a second thread only pays when a
// second core is free; on a busy machine it waits at every barrier for a core it does not get.
import { cpus } from "node:os";

function idleAndTotal(): [idle: number, total: number] {
  let idle = 0, total = 0;
  for (const c of cpus()) {
    const t = c.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return [idle, total];
}

/** cores idle on average over the next `ms` milliseconds (this thread sleeps meanwhile), between 0 and the core count */
export function idleCores(ms = 60): number {
  const n = cpus().length;
  const [i0, t0] = idleAndTotal();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const [i1, t1] = idleAndTotal();
  return t1 > t0 ? (n * (i1 - i0)) / (t1 - t0) : n;
}

/**
 * Two threads when at least 1.5 cores are idle (the second core mostly free) in one of up to three
 * windows of `ms` (a process that has just ended, such as the previous peer, can still show in the
 * first), else one.
 */
export function autoThreads(ms = 50): 1 | 2 {
  if (cpus().length < 2) return 1;
  for (let k = 0; k < 3; k++) if (idleCores(ms) >= 1.5) return 2;
  return 1;
}
