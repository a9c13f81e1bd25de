// Log-spaced iterations at which to record metrics: asymptotics live in log t.

const ONE_TWO_FIVE = [1, 2, 5];

/**
 * 0, then m·10^e for each mantissa m of a decade (1, 2, 5 by default), up to and
 * always including maxIter. `perDecade` is either the number of points per decade
 * (3 gives 1-2-5; others give 10^(k/n) rounded to two significant digits, e.g. 10 →
 * 1, 1.3, 1.6, 2, 2.5, 3.2, 4, 5, 6.3, 7.9) or the mantissas themselves in [1, 10).
 * Iterations are rounded to integers and deduplicated, ascending.
 */
export function logSpacedCheckpoints(maxIter: number, perDecade: number | readonly number[] = 3): Int32Array {
  if (!Number.isInteger(maxIter) || maxIter < 0 || maxIter > 0x7fffffff) {
    throw new RangeError(`logSpacedCheckpoints: maxIter must be an integer in [0, 2^31), got ${maxIter}`);
  }
  const mantissas = mantissasFor(perDecade);
  const out: number[] = [0];
  for (let e = 0; ; e++) {
    const p = Math.pow(10, e);
    if (p > maxIter) break;
    for (const m of mantissas) {
      const t = Math.round(m * p);
      if (t > maxIter) break;
      if (t > out[out.length - 1]) out.push(t);
    }
  }
  if (out[out.length - 1] !== maxIter) out.push(maxIter);
  return Int32Array.from(out);
}

function mantissasFor(perDecade: number | readonly number[]): readonly number[] {
  if (typeof perDecade !== "number") {
    const ms = [...perDecade].sort((a, b) => a - b);
    if (ms.length === 0 || ms.some((m) => !(m >= 1 && m < 10))) {
      throw new RangeError(`logSpacedCheckpoints: mantissas must be in [1, 10), got [${perDecade.join(", ")}]`);
    }
    return ms;
  }
  if (!Number.isInteger(perDecade) || perDecade < 1 || perDecade > 100) {
    throw new RangeError(`logSpacedCheckpoints: perDecade must be an integer in [1, 100], got ${perDecade}`);
  }
  if (perDecade === 3) return ONE_TWO_FIVE;
  const ms: number[] = [];
  for (let k = 0; k < perDecade; k++) ms.push(Number(Math.pow(10, k / perDecade).toPrecision(2)));
  return ms;
}
