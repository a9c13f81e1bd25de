// Discrete Fourier transform X_k = Σ_j x_j e^{−2πi jk/n} in place on split (re, im) arrays, any n:
// iterative radix-2 Cooley–Tukey for powers of two, Bluestein's chirp-z (a power-of-two convolution) otherwise.

function isPow2(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** A reusable transform of length n: twiddles, bit reversal and (for Bluestein) the chirp are precomputed. */
export class FftPlan {
  readonly n: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly rev: Uint32Array;
  // Bluestein only
  private readonly inner: FftPlan | null = null;
  private readonly chirpRe: Float64Array | null = null;
  private readonly chirpIm: Float64Array | null = null;
  private readonly bRe: Float64Array | null = null;
  private readonly bIm: Float64Array | null = null;
  private readonly wRe: Float64Array | null = null;
  private readonly wIm: Float64Array | null = null;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`FftPlan: length must be a non-negative integer, got ${n}`);
    this.n = n;
    if (n <= 1 || isPow2(n)) {
      const h = n >> 1;
      this.cos = new Float64Array(h);
      this.sin = new Float64Array(h);
      for (let k = 0; k < h; k++) {
        this.cos[k] = Math.cos((2 * Math.PI * k) / n);
        this.sin[k] = Math.sin((2 * Math.PI * k) / n);
      }
      this.rev = new Uint32Array(n);
      const bits = Math.round(Math.log2(Math.max(n, 1)));
      for (let i = 0; i < n; i++) {
        let r = 0;
        for (let b = 0; b < bits; b++) if (i & (1 << b)) r |= 1 << (bits - 1 - b);
        this.rev[i] = r;
      }
      return;
    }
    this.cos = this.sin = new Float64Array(0);
    this.rev = new Uint32Array(0);
    // jk = (j² + k² − (k − j)²)/2, so X_k = c_k Σ_j (x_j c_j) conj(c_{k−j}) with c_k = e^{−iπk²/n}
    let m = 1;
    while (m < 2 * n - 1) m *= 2;
    this.inner = new FftPlan(m);
    this.chirpRe = new Float64Array(n);
    this.chirpIm = new Float64Array(n);
    let k2 = 0; // k² mod 2n, exact
    for (let k = 0; k < n; k++) {
      if (k > 0) k2 = (k2 + 2 * k - 1) % (2 * n);
      const th = (Math.PI * k2) / n;
      this.chirpRe[k] = Math.cos(th);
      this.chirpIm[k] = -Math.sin(th);
    }
    this.bRe = new Float64Array(m);
    this.bIm = new Float64Array(m);
    for (let k = 0; k < n; k++) {
      this.bRe[k] = this.chirpRe[k];
      this.bIm[k] = -this.chirpIm[k];
      if (k > 0) {
        this.bRe[m - k] = this.chirpRe[k];
        this.bIm[m - k] = -this.chirpIm[k];
      }
    }
    this.inner.forward(this.bRe, this.bIm);
    this.wRe = new Float64Array(m);
    this.wIm = new Float64Array(m);
  }

  /** In place: (re, im) ← DFT(re, im). */
  forward(re: Float64Array, im: Float64Array): void {
    if (re.length !== this.n || im.length !== this.n) {
      throw new RangeError(`fft: plan has length ${this.n}, got re ${re.length}, im ${im.length}`);
    }
    if (this.inner) this.bluestein(re, im);
    else this.radix2(re, im);
  }

  /** In place: (re, im) ← inverse DFT, x_j = (1/n) Σ_k X_k e^{2πi jk/n}. */
  inverse(re: Float64Array, im: Float64Array): void {
    const n = this.n;
    for (let i = 0; i < im.length; i++) im[i] = -im[i];
    this.forward(re, im);
    const s = 1 / n;
    for (let i = 0; i < n; i++) {
      re[i] *= s;
      im[i] = -im[i] * s;
    }
  }

  private radix2(re: Float64Array, im: Float64Array): void {
    const n = this.n, rev = this.rev, cs = this.cos, sn = this.sin;
    for (let i = 0; i < n; i++) {
      const j = rev[i];
      if (j > i) {
        let t = re[i]; re[i] = re[j]; re[j] = t;
        t = im[i]; im[i] = im[j]; im[j] = t;
      }
    }
    for (let size = 2; size <= n; size *= 2) {
      const half = size >> 1, step = n / size;
      for (let start = 0; start < n; start += size) {
        for (let j = 0; j < half; j++) {
          const wr = cs[j * step], wi = -sn[j * step]; // e^{−2πi j/size}
          const a = start + j, b = a + half;
          const tr = wr * re[b] - wi * im[b];
          const ti = wr * im[b] + wi * re[b];
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
  }

  private bluestein(re: Float64Array, im: Float64Array): void {
    const n = this.n, cr = this.chirpRe!, ci = this.chirpIm!, br = this.bRe!, bi = this.bIm!;
    const wr = this.wRe!, wi = this.wIm!, inner = this.inner!;
    wr.fill(0);
    wi.fill(0);
    for (let k = 0; k < n; k++) {
      wr[k] = re[k] * cr[k] - im[k] * ci[k];
      wi[k] = re[k] * ci[k] + im[k] * cr[k];
    }
    inner.forward(wr, wi);
    for (let k = 0; k < wr.length; k++) {
      const r = wr[k] * br[k] - wi[k] * bi[k];
      wi[k] = wr[k] * bi[k] + wi[k] * br[k];
      wr[k] = r;
    }
    inner.inverse(wr, wi);
    for (let k = 0; k < n; k++) {
      re[k] = wr[k] * cr[k] - wi[k] * ci[k];
      im[k] = wr[k] * ci[k] + wi[k] * cr[k];
    }
  }
}

/** In-place DFT of any length (plans once per call; reuse an FftPlan in loops). */
export function fft(re: Float64Array, im: Float64Array): void {
  new FftPlan(re.length).forward(re, im);
}

/** In-place inverse DFT (with the 1/n factor). */
export function ifft(re: Float64Array, im: Float64Array): void {
  new FftPlan(re.length).inverse(re, im);
}

/** |X_k| for k = 0, …, ⌊n/2⌋ of a real signal x (the non-redundant half of the spectrum). */
export function rfftMagnitudes(x: Float64Array, out: Float64Array = new Float64Array((x.length >> 1) + 1)): Float64Array {
  const n = x.length;
  if (n === 0) return out.subarray(0, 0);
  const re = x.slice(), im = new Float64Array(n);
  fft(re, im);
  for (let k = 0; k <= n >> 1; k++) out[k] = Math.hypot(re[k], im[k]);
  return out;
}
