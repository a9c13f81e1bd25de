// Step sizes (and other per-step hyperparameters) are a constant or a pure
// schedule of the step index t = 0, 1, 2, … (the number of steps already taken).

export type Schedule = number | ((t: number) => number);

export function scheduleAt(s: Schedule, t: number): number {
  return typeof s === "number" ? s : s(t);
}

/** Throws a RangeError unless `s` is a schedule function or a finite number in the given range. */
export function checkSchedule(
  optimizer: string,
  key: string,
  s: Schedule,
  range: { min: number; minInclusive: boolean; max?: number; maxInclusive?: boolean },
): void {
  if (typeof s === "function") return;
  const { min, minInclusive, max = Infinity, maxInclusive = false } = range;
  const okMin = minInclusive ? s >= min : s > min;
  const okMax = maxInclusive ? s <= max : s < max;
  if (typeof s !== "number" || !Number.isFinite(s) || !okMin || !okMax) {
    const lo = `${minInclusive ? "[" : "("}${min}`;
    const hi = `${max === Infinity ? "∞" : max}${maxInclusive ? "]" : ")"}`;
    throw new RangeError(`${optimizer}: ${key} must be a number in ${lo}, ${hi} or a schedule t ↦ value, got ${String(s)}`);
  }
}

/** A positive step size η or schedule. */
export function checkStepSize(optimizer: string, lr: Schedule): void {
  checkSchedule(optimizer, "lr", lr, { min: 0, minInclusive: false });
}

/** Throws a RangeError unless x is a finite number in the given range. */
export function checkNumber(optimizer: string, key: string, x: number, min: number, minInclusive: boolean, max = Infinity, maxInclusive = false): void {
  if (typeof x !== "number") throw new RangeError(`${optimizer}: ${key} must be a number, got ${String(x)}`);
  checkSchedule(optimizer, key, x, { min, minInclusive, max, maxInclusive });
}
