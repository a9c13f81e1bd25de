// n×n products on raw row-major arrays at offsets (the factors live inside one θ vector, so
// wrapping them as Matrix views would allocate per call). out must not overlap the inputs.

/** C = A B */
export function mulNN(a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number, n: number): void {
  c.fill(0, co, co + n * n);
  for (let i = 0; i < n; i++) {
    const ci = co + i * n;
    for (let p = 0; p < n; p++) {
      const aip = a[ao + i * n + p];
      if (aip === 0) continue;
      const bp = bo + p * n;
      for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
    }
  }
}

/** C = Aᵀ B */
export function mulTN(a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number, n: number): void {
  c.fill(0, co, co + n * n);
  for (let p = 0; p < n; p++) {
    const bp = bo + p * n;
    for (let i = 0; i < n; i++) {
      const api = a[ao + p * n + i];
      if (api === 0) continue;
      const ci = co + i * n;
      for (let j = 0; j < n; j++) c[ci + j] += api * b[bp + j];
    }
  }
}

/** C = A Bᵀ */
export function mulNT(a: Float64Array, ao: number, b: Float64Array, bo: number, c: Float64Array, co: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const ai = ao + i * n;
    for (let j = 0; j < n; j++) {
      const bj = bo + j * n;
      let s = 0;
      for (let p = 0; p < n; p++) s += a[ai + p] * b[bj + p];
      c[co + i * n + j] = s;
    }
  }
}
