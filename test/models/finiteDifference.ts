// Central finite differences for gradient checks in tests.

/** ∇f(θ) by central differences with step h·max(1, |θ_j|). */
export function fdGradient(f: (theta: Float64Array) => number, theta: Float64Array, h = 1e-6): Float64Array {
  const g = new Float64Array(theta.length);
  const t = theta.slice();
  for (let j = 0; j < t.length; j++) {
    const s = h * Math.max(1, Math.abs(theta[j]));
    t[j] = theta[j] + s;
    const fp = f(t);
    t[j] = theta[j] - s;
    const fm = f(t);
    t[j] = theta[j];
    g[j] = (fp - fm) / (2 * s);
  }
  return g;
}

/** max_j |a_j − b_j| / max(1e-12, max_j |b_j|): one relative error for the whole vector. */
export function maxRelError(a: Float64Array, b: Float64Array): number {
  let num = 0, den = 1e-12;
  for (let j = 0; j < b.length; j++) {
    num = Math.max(num, Math.abs(a[j] - b[j]));
    den = Math.max(den, Math.abs(b[j]));
  }
  return num / den;
}
