// Allocation per call, estimated from heapUsed. Steady garbage shows up as the same
// increase in (almost) every chunk, a scavenge only makes heapUsed drop, so the
// estimate is chunks × the median per-chunk increase. Code that is not yet optimized
// boxes doubles on the heap, and the optimizing compiler runs on a background thread
// that lags on a loaded machine: so warm up for a fixed time, and take the least of
// several attempts (real allocation shows in every attempt).
export function allocatedBytes(calls: number, run: (n: number) => void, attempts = 5): number {
  const t0 = performance.now();
  do run(Math.min(calls, 2000)); while (performance.now() - t0 < 250);
  let best = Infinity;
  for (let a = 0; a < attempts && best > 0; a++) best = Math.min(best, attempt(calls, run));
  return best;
}

function attempt(calls: number, run: (n: number) => void): number {
  const chunks = 100, per = Math.ceil(calls / chunks);
  const increases: number[] = [];
  let prev = process.memoryUsage().heapUsed;
  for (let c = 0; c < chunks; c++) {
    run(per);
    const now = process.memoryUsage().heapUsed;
    increases.push(Math.max(0, now - prev));
    prev = now;
  }
  increases.sort((a, b) => a - b);
  return chunks * increases[chunks >> 1];
}
