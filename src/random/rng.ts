// Seedable PRNG whose stream is identical on every platform:
// xoshiro256** (Blackman & Vigna 2018) on 64-bit words kept as pairs of uint32,
// seeded by splitmix64. Normals by the Marsaglia polar method (one pair per two
// accepted uniforms; the second of each pair is cached and returned next).

const TWO32 = 4294967296;

function splitmix64(state: bigint): [bigint, bigint] {
  const mask = (1n << 64n) - 1n;
  const s = (state + 0x9e3779b97f4a7c15n) & mask;
  let z = s;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
  z = z ^ (z >> 31n);
  return [s, z];
}

export class Rng {
  /** s0..s3 as [hi, lo] pairs: s[2k] is the high word of s_k, s[2k+1] the low word */
  private readonly s = new Uint32Array(8);
  private spare = 0;
  private hasSpare = false;
  readonly seed: number;

  constructor(seed: number | bigint = 0, stream = 0) {
    if (typeof seed === "number" && (!Number.isInteger(seed) || seed < 0)) {
      throw new RangeError(`Rng: seed must be a non-negative integer, got ${seed}`);
    }
    this.seed = Number(seed);
    let st = (BigInt(seed) * 0x100000001b3n + BigInt(stream) * 0x9e3779b97f4a7c15n) & ((1n << 64n) - 1n);
    for (let k = 0; k < 4; k++) {
      const [next, z] = splitmix64(st);
      st = next;
      this.s[2 * k] = Number(z >> 32n);
      this.s[2 * k + 1] = Number(z & 0xffffffffn);
    }
  }

  /** Sets the raw 64-bit state words (for tests against the reference implementation). */
  static fromState(words: [bigint, bigint, bigint, bigint]): Rng {
    const r = new Rng(0);
    for (let k = 0; k < 4; k++) {
      r.s[2 * k] = Number((words[k] >> 32n) & 0xffffffffn);
      r.s[2 * k + 1] = Number(words[k] & 0xffffffffn);
    }
    return r;
  }

  /** An independent generator for sub-stream `stream` of this seed. */
  fork(stream: number): Rng {
    return new Rng(this.seed, stream + 1);
  }

  /** Next 64-bit output as [hi, lo]; written to `out`. */
  nextU64(out: Uint32Array): Uint32Array {
    const s = this.s;
    // result = rotl(s1 * 5, 7) * 9
    const h1 = s[2], l1 = s[3];
    // s1 * 5 = (s1 << 2) + s1
    let lo = ((l1 << 2) >>> 0) + l1;
    let hi = (((h1 << 2) | (l1 >>> 30)) >>> 0) + h1 + (lo >= TWO32 ? 1 : 0);
    lo >>>= 0; hi >>>= 0;
    // rotl 7
    const rh = ((hi << 7) | (lo >>> 25)) >>> 0;
    const rl = ((lo << 7) | (hi >>> 25)) >>> 0;
    // * 9 = (x << 3) + x
    let lo2 = ((rl << 3) >>> 0) + rl;
    const hi2 = ((((rh << 3) | (rl >>> 29)) >>> 0) + rh + (lo2 >= TWO32 ? 1 : 0)) >>> 0;
    lo2 >>>= 0;
    out[0] = hi2; out[1] = lo2;
    // t = s1 << 17
    const th = ((h1 << 17) | (l1 >>> 15)) >>> 0;
    const tl = (l1 << 17) >>> 0;
    // s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45)
    s[4] ^= s[0]; s[5] ^= s[1];
    s[6] ^= s[2]; s[7] ^= s[3];
    s[2] ^= s[4]; s[3] ^= s[5];
    s[0] ^= s[6]; s[1] ^= s[7];
    s[4] ^= th; s[5] ^= tl;
    // rotl 45 = swap halves then rotl 13
    const h3 = s[6], l3 = s[7];
    s[6] = ((l3 << 13) | (h3 >>> 19)) >>> 0;
    s[7] = ((h3 << 13) | (l3 >>> 19)) >>> 0;
    return out;
  }

  private readonly buf = new Uint32Array(2);

  /** Uniform on [0, 1) with 53 random bits: (x >>> 11) · 2⁻⁵³. */
  uniform(): number {
    const b = this.nextU64(this.buf);
    return (b[0] * 2097152 + (b[1] >>> 11)) / 9007199254740992;
  }

  /** Standard normal N(0, 1), Marsaglia polar method. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number, v: number, q: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const f = Math.sqrt((-2 * Math.log(q)) / q);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /** Uniform integer in {0, …, n − 1}. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** Fills `out` with iid N(0, σ²). */
  fillNormal(out: Float64Array, sigma = 1): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = sigma * this.normal();
    return out;
  }
}
