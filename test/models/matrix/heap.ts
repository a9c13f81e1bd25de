// Allocation estimate for hot loops (as in test/optimizers/allocation.test.ts): heapUsed is read
// after each of 100 chunks; steady garbage raises it in (almost) every chunk, while the JIT's
// one-off code objects and scavenges do not, so 100 × the median increase estimates the garbage.
// Code that is still interpreted boxes every double it loads (the optimizing compile runs on a
// background thread, late on a busy machine), so the estimate is the least of a few attempts:
// garbage made by the code itself shows up in every attempt.
export function allocatedBytes(calls: number, run: (n: number) => void, attempts = 3): number {
  let best = Infinity;
  for (let a = 0; a < attempts; a++) best = Math.min(best, attempt(calls, run));
  return best;
}

function attempt(calls: number, run: (n: number) => void): number {
  run(Math.min(calls, 5000)); // warm up the JIT
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
