// Dormand–Prince 5(4): an explicit Runge–Kutta pair (Dormand & Prince 1980) whose 5th-order
// solution is propagated and whose embedded 4th-order one estimates the local error. FSAL: the last
// stage is f at the new point, so an accepted step costs six evaluations of f. Step size by a PI
// controller (Gustafsson; the form of Hairer–Nørsett–Wanner, Solving ODEs I, §II.4): it grows by up
// to 10× per step where the error allows (the plateaus of small initializations) and shrinks where
// the solution moves fast. Dense output by the 4th-order continuous extension of the same stages,
// so the trajectory can be read at any time inside the last step without shortening steps.
// Nothing is allocated per step.

/** dy/dt = f(t, y), written into dydt; returns an auxiliary number at (t, y) (the loss, for a gradient flow). */
export type VectorField = (t: number, y: Float64Array, dydt: Float64Array) => number;

export interface DormandPrinceOptions {
  /** relative tolerance (default 1e-6) */
  readonly rtol?: number;
  /** absolute tolerance (default 1e-12): set it below the size of the smallest entries that matter */
  readonly atol?: number;
  /** first step; default: estimated from f at the start (Hairer's initial-step rule) */
  readonly h0?: number;
  /** largest step allowed (default ∞) */
  readonly hMax?: number;
  /**
   * f does not depend on t (a gradient flow): it is then called with t = 0, which spares boxing the
   * stage time into a heap number on every call
   */
  readonly autonomous?: boolean;
}

/** "accepted": one step was taken; otherwise why no step could be taken. */
export type StepOutcome = "accepted" | "step-size-underflow" | "non-finite";

// Butcher tableau
const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
// 5th-order weights (= the last row: FSAL)
const B1 = 35 / 384, B3 = 500 / 1113, B4 = 125 / 192, B5 = -2187 / 6784, B6 = 11 / 84;
// error weights: 5th-order minus 4th-order (b₄ = 5179/57600, 0, 7571/16695, 393/640, −92097/339200, 187/2100, 1/40)
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;
// dense output (Hairer's continuous extension of order 4)
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;

// PI step-size control
const SAFETY = 0.9, MAX_GROWTH = 10, MAX_SHRINK = 5, BETA = 0.04, EXPO = 0.2 - 0.75 * BETA;

/** Throws a RangeError naming the first bad option. */
export function checkDormandPrinceOptions(where: string, opts: DormandPrinceOptions): void {
  const rtol = opts.rtol ?? 1e-6, atol = opts.atol ?? 1e-12, hMax = opts.hMax ?? Infinity;
  if (!(rtol >= 0 && rtol < 1) || !(atol >= 0) || !Number.isFinite(atol) || rtol + atol === 0) {
    throw new RangeError(`${where}: need 0 ≤ rtol < 1 and 0 ≤ atol < ∞, not both 0; got rtol = ${rtol}, atol = ${atol}`);
  }
  if (rtol > 0 && rtol < 1e-14) throw new RangeError(`${where}: rtol = ${rtol} is below double precision (use ≥ 1e-14)`);
  if (!(hMax > 0)) throw new RangeError(`${where}: hMax must be > 0, got ${hMax}`);
  if (opts.h0 !== undefined && !(opts.h0 > 0 && Number.isFinite(opts.h0))) throw new RangeError(`${where}: h0 must be finite and > 0, got ${opts.h0}`);
}

export class DormandPrince54 {
  readonly dim: number;
  /** the current state y(t), updated in place */
  readonly y: Float64Array;
  /** current time */
  t: number;
  /** f's auxiliary return at the current state */
  aux: number;
  /** the proposed size of the next step */
  h: number;
  /** start time and size of the last accepted step (dense output covers [tPrev, t]) */
  tPrev: number;
  hLast = 0;
  /** state at tPrev */
  readonly yPrev: Float64Array;
  /** evaluations of f (including the start and the initial-step estimate) */
  evaluations = 0;
  accepted = 0;
  rejected = 0;
  /** the state proposed by the last trial step */
  readonly yNew: Float64Array;

  readonly rtol: number;
  readonly atol: number;
  readonly hMax: number;
  private readonly f: VectorField;
  private readonly autonomous: boolean;
  private k1: Float64Array; // f at the current state (swapped with k7 on acceptance: FSAL)
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly k5: Float64Array;
  private readonly k6: Float64Array;
  private k7: Float64Array; // after acceptance: f at tPrev (the step's start), for dense output
  private readonly ys: Float64Array; // stage points
  private auxNew = NaN;
  private errOld = 1e-4;
  private lastRejected = false;

  constructor(f: VectorField, t0: number, y0: Float64Array, opts: DormandPrinceOptions = {}) {
    checkDormandPrinceOptions("DormandPrince54", opts);
    const rtol = opts.rtol ?? 1e-6, atol = opts.atol ?? 1e-12, hMax = opts.hMax ?? Infinity;
    if (!Number.isFinite(t0)) throw new RangeError(`DormandPrince54: t0 must be finite, got ${t0}`);
    const n = y0.length;
    for (let i = 0; i < n; i++) if (!Number.isFinite(y0[i])) throw new RangeError(`DormandPrince54: y0[${i}] is ${y0[i]}`);
    this.dim = n;
    this.f = f;
    this.rtol = rtol;
    this.atol = atol;
    this.hMax = hMax;
    this.y = y0.slice();
    this.yPrev = y0.slice();
    this.yNew = new Float64Array(n);
    this.ys = new Float64Array(n);
    this.k1 = new Float64Array(n);
    this.k2 = new Float64Array(n);
    this.k3 = new Float64Array(n);
    this.k4 = new Float64Array(n);
    this.k5 = new Float64Array(n);
    this.k6 = new Float64Array(n);
    this.k7 = new Float64Array(n);
    this.t = t0;
    this.tPrev = t0;
    this.autonomous = opts.autonomous ?? false;
    this.aux = this.autonomous ? f(0, this.y, this.k1) : f(t0, this.y, this.k1);
    this.evaluations = 1;
    this.h = Math.min(opts.h0 ?? this.initialStep(), hMax);
  }

  /** f(t, y) at the current state (a view of an internal buffer, valid until the next step) */
  get dydt(): Float64Array {
    return this.k1;
  }

  private call(t: number, y: Float64Array, out: Float64Array): number {
    return this.autonomous ? this.f(0, y, out) : this.f(t, y, out);
  }

  /** Hairer's starting step: h with h·‖f‖ ≈ 1% of ‖y‖, then limited so that h⁵·‖f′‖ ≈ 0.01 (one more f). */
  private initialStep(): number {
    const { y, k1, k2, ys, dim: n, rtol, atol } = this;
    let dnf = 0, dny = 0;
    for (let i = 0; i < n; i++) {
      const sk = atol + rtol * Math.abs(y[i]);
      dnf += (k1[i] / sk) ** 2;
      dny += (y[i] / sk) ** 2;
    }
    dnf = Math.sqrt(dnf / n);
    dny = Math.sqrt(dny / n);
    let h = dnf <= 1e-5 || dny <= 1e-5 ? 1e-6 : 0.01 * (dny / dnf);
    if (!Number.isFinite(h)) h = 1e-6;
    h = Math.min(h, this.hMax);
    for (let i = 0; i < n; i++) ys[i] = y[i] + h * k1[i];
    this.call(this.t + h, ys, k2);
    this.evaluations++;
    let der2 = 0;
    for (let i = 0; i < n; i++) {
      const sk = atol + rtol * Math.abs(y[i]);
      der2 += ((k2[i] - k1[i]) / sk) ** 2;
    }
    der2 = Math.sqrt(der2 / n) / h;
    const der12 = Math.max(der2, dnf);
    const h1 = der12 <= 1e-15 || !Number.isFinite(der12) ? Math.max(1e-6, h * 1e-3) : Math.pow(0.01 / der12, 1 / 5);
    return Math.min(100 * h, h1);
  }

  /**
   * One trial step of size h from (t, y): yNew ← the 5th-order solution, returns the scaled RMS norm of
   * the local error estimate (≤ 1 means acceptable; NaN or ∞ when f blew up). Changes nothing else.
   */
  trial(h: number): number {
    const { y, k1, k2, k3, k4, k5, k6, k7, ys, yNew, dim: n, t } = this;
    for (let i = 0; i < n; i++) ys[i] = y[i] + h * A21 * k1[i];
    this.call(t + C2 * h, ys, k2);
    for (let i = 0; i < n; i++) ys[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
    this.call(t + C3 * h, ys, k3);
    for (let i = 0; i < n; i++) ys[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
    this.call(t + C4 * h, ys, k4);
    for (let i = 0; i < n; i++) ys[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
    this.call(t + C5 * h, ys, k5);
    for (let i = 0; i < n; i++) ys[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
    this.call(t + h, ys, k6);
    for (let i = 0; i < n; i++) yNew[i] = y[i] + h * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
    this.auxNew = this.call(t + h, yNew, k7);
    this.evaluations += 6;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
      const sk = this.atol + this.rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
      s += (e / sk) ** 2;
    }
    return Math.sqrt(s / n);
  }

  /**
   * Takes one accepted step (retrying with smaller steps while the error is too large), never past
   * tStop: a step that would pass it is shortened to end exactly there.
   */
  step(tStop = Infinity): StepOutcome {
    if (!(tStop > this.t)) throw new RangeError(`DormandPrince54.step: tStop = ${tStop} is not after t = ${this.t}`);
    let h = Math.min(this.h, this.hMax);
    let blewUp = false;
    for (;;) {
      const proposed = h;
      let clipped = false;
      if (this.t + 1.01 * h >= tStop) { h = tStop - this.t; clipped = true; }
      if (!(h > 16 * Number.EPSILON * Math.abs(this.t)) || h < 1e-300) {
        this.h = h;
        return blewUp ? "non-finite" : "step-size-underflow";
      }
      const err = this.trial(h);
      if (!(err <= 1)) {
        // rejected: shrink (by the controller, or 5× when f blew up)
        this.rejected++;
        this.lastRejected = true;
        blewUp = !Number.isFinite(err);
        h = blewUp ? h / MAX_SHRINK : h / Math.min(MAX_SHRINK, Math.pow(err, EXPO) / SAFETY);
        continue;
      }
      // accepted: PI control of the next step from this error and the last accepted one
      let fac = Math.pow(err, EXPO) / Math.pow(this.errOld, BETA) / SAFETY;
      fac = Math.max(1 / MAX_GROWTH, Math.min(MAX_SHRINK, fac));
      let hNext = h / fac;
      if (this.lastRejected) hNext = Math.min(hNext, h);
      if (clipped) hNext = Math.max(hNext, proposed); // the controller saw a step shortened only to land on tStop
      this.errOld = Math.max(err, 1e-4);
      this.lastRejected = false;
      this.tPrev = this.t;
      this.t = clipped ? tStop : this.t + h;
      this.hLast = h;
      this.yPrev.set(this.y);
      this.y.set(this.yNew);
      // FSAL: k7 = f(t + h, yNew) becomes the next k1; the old k1 stays for dense output
      const k = this.k1;
      this.k1 = this.k7;
      this.k7 = k;
      this.aux = this.auxNew;
      this.h = Math.min(hNext, this.hMax);
      this.accepted++;
      return "accepted";
    }
  }

  /** out ← y(s) for s in the last accepted step [tPrev, t], by the 4th-order continuous extension. */
  interpolate(s: number, out: Float64Array): Float64Array {
    const h = this.hLast;
    if (this.accepted === 0) throw new RangeError("DormandPrince54.interpolate: no step has been taken yet");
    const slack = 1e-12 * Math.max(Math.abs(this.t), h);
    if (!(s >= this.tPrev - slack && s <= this.t + slack)) {
      throw new RangeError(`DormandPrince54.interpolate: time ${s} is outside the last step [${this.tPrev}, ${this.t}]`);
    }
    if (s === this.t) { out.set(this.y); return out; }
    const th = (s - this.tPrev) / h, th1 = 1 - th;
    const { yPrev: y0, y: y1, k3, k4, k5, k6 } = this;
    const kStart = this.k7, kEnd = this.k1; // f at tPrev and at t (after the FSAL swap)
    for (let i = 0; i < this.dim; i++) {
      const r2 = y1[i] - y0[i];
      const r3 = h * kStart[i] - r2;
      const r4 = r2 - h * kEnd[i] - r3;
      const r5 = h * (D1 * kStart[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * kEnd[i]);
      out[i] = y0[i] + th * (r2 + th1 * (r3 + th * (r4 + th1 * r5)));
    }
    return out;
  }
}
