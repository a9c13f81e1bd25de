// Rate fits over recorded (t, value) points, by least squares in log space:
// asymptotics live in log t, so a power law is a line in (log t, log v) and
// c/(log t)^a is a line in (log log t, log v).

export interface PowerLawFit {
  /** p in v ≈ c·t^p (e.g. −1 for 1/t, −½ for 1/√t) */
  readonly exponent: number;
  readonly constant: number;
  /** coefficient of determination of the fit in log space */
  readonly r2: number;
  /** number of points used (t > 0, v > 0, both finite) */
  readonly n: number;
}

export interface InverseLogFit {
  /** c in v ≈ c / log t */
  readonly c: number;
  readonly r2: number;
  readonly n: number;
}

export interface InverseLogPowerFit {
  /** a in v ≈ c / (log t)^a */
  readonly a: number;
  readonly c: number;
  readonly r2: number;
  readonly n: number;
}

interface Line { slope: number; intercept: number; r2: number; n: number }

/** v ≈ intercept + slope·s with s = ln t (growth like log t) or s = t (linear growth); r2 of that line */
export interface GrowthFit {
  readonly slope: number;
  readonly intercept: number;
  readonly r2: number;
  readonly n: number;
}

/** Least-squares line y ≈ intercept + slope·x (two-pass, centred sums). */
function fitLine(xs: number[], ys: number[]): Line {
  const n = xs.length;
  if (n < 2) return { slope: NaN, intercept: NaN, r2: NaN, n };
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += xs[i]; my += ys[i]; }
  mx /= n; my /= n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx, dy = ys[i] - my;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  if (!(sxx > 0)) return { slope: NaN, intercept: NaN, r2: NaN, n };
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const e = ys[i] - intercept - slope * xs[i];
    ssr += e * e;
  }
  return { slope, intercept, r2: rSquared(ssr, syy), n };
}

function rSquared(ssRes: number, ssTot: number): number {
  if (ssTot > 0) return 1 - ssRes / ssTot;
  return ssRes === 0 ? 1 : NaN;
}

function checkLengths(fn: string, ts: ArrayLike<number>, vs: ArrayLike<number>): void {
  if (ts.length !== vs.length) throw new RangeError(`${fn}: ${ts.length} times but ${vs.length} values`);
}

/** Least squares on log v = log c + p·log t over points with t > 0, v > 0. */
export function fitPowerLaw(ts: ArrayLike<number>, vs: ArrayLike<number>): PowerLawFit {
  checkLengths("fitPowerLaw", ts, vs);
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i], v = vs[i];
    if (t > 0 && v > 0 && Number.isFinite(t) && Number.isFinite(v)) { xs.push(Math.log(t)); ys.push(Math.log(v)); }
  }
  const l = fitLine(xs, ys);
  return { exponent: l.slope, constant: Math.exp(l.intercept), r2: l.r2, n: l.n };
}

function logLogPoints(ts: ArrayLike<number>, vs: ArrayLike<number>): { xs: number[]; ys: number[] } {
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i], v = vs[i];
    if (t > 1 && v > 0 && Number.isFinite(t) && Number.isFinite(v)) { xs.push(Math.log(Math.log(t))); ys.push(Math.log(v)); }
  }
  return { xs, ys };
}

/** v ≈ c / (log t)^a: least squares on log v = log c − a·log log t over points with t > 1, v > 0. */
export function fitInverseLogPower(ts: ArrayLike<number>, vs: ArrayLike<number>): InverseLogPowerFit {
  checkLengths("fitInverseLogPower", ts, vs);
  const { xs, ys } = logLogPoints(ts, vs);
  const l = fitLine(xs, ys);
  return { a: -l.slope, c: Math.exp(l.intercept), r2: l.r2, n: l.n };
}

/**
 * v ≈ c / log t (the exponent fixed at 1): log c = mean(log v + log log t);
 * r2 compares the residuals with the spread of log v.
 */
export function fitInverseLog(ts: ArrayLike<number>, vs: ArrayLike<number>): InverseLogFit {
  checkLengths("fitInverseLog", ts, vs);
  const { xs, ys } = logLogPoints(ts, vs);
  const n = xs.length;
  if (n < 1) return { c: NaN, r2: NaN, n };
  let logC = 0, my = 0;
  for (let i = 0; i < n; i++) { logC += ys[i] + xs[i]; my += ys[i]; }
  logC /= n; my /= n;
  let ssr = 0, sst = 0;
  for (let i = 0; i < n; i++) {
    const e = ys[i] - (logC - xs[i]);
    ssr += e * e;
    sst += (ys[i] - my) * (ys[i] - my);
  }
  return { c: Math.exp(logC), r2: rSquared(ssr, sst), n };
}

function growthPoints(fn: string, ts: ArrayLike<number>, vs: ArrayLike<number>, x: (t: number) => number): Line {
  checkLengths(fn, ts, vs);
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i], v = vs[i];
    if (t > 0 && Number.isFinite(t) && Number.isFinite(v)) { xs.push(x(t)); ys.push(v); }
  }
  return fitLine(xs, ys);
}

/** v ≈ a + b·ln t (a norm growing like log t): least squares over points with t > 0. */
export function fitLogGrowth(ts: ArrayLike<number>, vs: ArrayLike<number>): GrowthFit {
  const l = growthPoints("fitLogGrowth", ts, vs, Math.log);
  return { slope: l.slope, intercept: l.intercept, r2: l.r2, n: l.n };
}

/** v ≈ a + b·t (linear growth), the competitor of fitLogGrowth: least squares over points with t > 0. */
export function fitLinearGrowth(ts: ArrayLike<number>, vs: ArrayLike<number>): GrowthFit {
  const l = growthPoints("fitLinearGrowth", ts, vs, (t) => t);
  return { slope: l.slope, intercept: l.intercept, r2: l.r2, n: l.n };
}
