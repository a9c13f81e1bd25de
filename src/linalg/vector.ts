// Dense float64 vectors: level-1 kernels that take `out` arguments and never allocate.

export type Vec = Float64Array;

export function dot(a: Vec, b: Vec): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** y ← y + αx */
export function axpy(alpha: number, x: Vec, y: Vec): Vec {
  for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
  return y;
}

/** x ← αx */
export function scale(alpha: number, x: Vec): Vec {
  for (let i = 0; i < x.length; i++) x[i] *= alpha;
  return x;
}

/** out ← a − b */
export function sub(a: Vec, b: Vec, out: Vec): Vec {
  for (let i = 0; i < out.length; i++) out[i] = a[i] - b[i];
  return out;
}

/** out ← a + b */
export function add(a: Vec, b: Vec, out: Vec): Vec {
  for (let i = 0; i < out.length; i++) out[i] = a[i] + b[i];
  return out;
}

export function norm1(x: Vec): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]);
  return s;
}

/** ‖x‖₂ with scaling, so that 1e200 entries do not overflow. */
export function norm2(x: Vec): number {
  let scaleV = 0;
  let ssq = 1;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a === 0) continue;
    if (scaleV < a) {
      ssq = 1 + ssq * (scaleV / a) * (scaleV / a);
      scaleV = a;
    } else {
      ssq += (a / scaleV) * (a / scaleV);
    }
  }
  return scaleV * Math.sqrt(ssq);
}

export function normInf(x: Vec): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > m) m = a;
  }
  return m;
}

/** ‖x‖_p for p ∈ [1, ∞], scaled by ‖x‖_∞ to avoid overflow. */
export function normP(x: Vec, p: number): number {
  if (p === 1) return norm1(x);
  if (p === 2) return norm2(x);
  if (p === Infinity) return normInf(x);
  if (!(p >= 1)) throw new RangeError(`normP: p must be in [1, ∞], got ${p}`);
  const m = normInf(x);
  if (m === 0) return 0;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.pow(Math.abs(x[i]) / m, p);
  return m * Math.pow(s, 1 / p);
}

/** Hölder conjugate q with 1/p + 1/q = 1. */
export function dualExponent(p: number): number {
  if (p === 1) return Infinity;
  if (p === Infinity) return 1;
  return p / (p - 1);
}

/** The dual norm of ‖·‖_p, i.e. ‖·‖_q. */
export function dualNormP(x: Vec, p: number): number {
  return normP(x, dualExponent(p));
}

/** ‖a − b‖₂ without a temporary. */
export function dist2(a: Vec, b: Vec): number {
  let scaleV = 0;
  let ssq = 1;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i] - b[i]);
    if (v === 0) continue;
    if (scaleV < v) {
      ssq = 1 + ssq * (scaleV / v) * (scaleV / v);
      scaleV = v;
    } else {
      ssq += (v / scaleV) * (v / scaleV);
    }
  }
  return scaleV * Math.sqrt(ssq);
}

/** ‖a − b‖₂ / ‖b‖₂ (absolute distance when b = 0). */
export function relDist(a: Vec, b: Vec): number {
  const nb = norm2(b);
  const d = dist2(a, b);
  return nb > 0 ? d / nb : d;
}

export function allFinite(x: Vec): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}

export function zeros(n: number): Vec {
  return new Float64Array(n);
}

export function fromArray(a: ArrayLike<number>): Vec {
  return Float64Array.from(a);
}
