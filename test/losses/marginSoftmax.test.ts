import { test } from "node:test";
import assert from "node:assert/strict";
import {
  softmaxCrossEntropy, logSoftmaxCrossEntropy, softmaxLogGradient, softmaxLogOdds, logisticLoss,
} from "../../src/losses/index.ts";

function close(a: number, b: number, rel: number, msg: string): void {
  assert.ok(Math.abs(a - b) <= rel * Math.max(1e-300, Math.abs(b)), `${msg}: ${a} vs ${b}`);
}

test("softmax cross-entropy: value from the definition, gradient against finite differences, gradient sums to 0", () => {
  const s = Float64Array.from([0.3, -1.2, 2.1, 0.7]);
  for (let c = 0; c < 4; c++) {
    const g = new Float64Array(4);
    const l = softmaxCrossEntropy(s, 0, 4, c, g);
    let z = 0;
    for (const v of s) z += Math.exp(v);
    close(l, Math.log(z) - s[c], 1e-14, "ℓ");
    let sum = 0;
    for (let j = 0; j < 4; j++) {
      const t = s.slice();
      const h = 1e-6;
      t[j] += h;
      const lp = softmaxCrossEntropy(t, 0, 4, c);
      t[j] -= 2 * h;
      const lm = softmaxCrossEntropy(t, 0, 4, c);
      close(g[j], (lp - lm) / (2 * h), 1e-7, `∂ℓ/∂s_${j}`);
      sum += g[j];
    }
    assert.ok(Math.abs(sum) < 1e-15);
  }
});

test("two classes reduce to the logistic loss of the score difference", () => {
  for (const u of [-40, -3, 0, 0.5, 7, 50, 1e4]) {
    const s = Float64Array.from([u, 0]);
    close(softmaxCrossEntropy(s, 0, 2, 0), logisticLoss.value(u), 1e-14, `ℓ at ${u}`);
    close(logSoftmaxCrossEntropy(s, 0, 2, 0), logisticLoss.logValue(u), 1e-14, `log ℓ at ${u}`);
  }
});

test("at margins of 1e4 the loss keeps its digits in the log domain and the log-gradient is exact", () => {
  // scores with offsets: margins s_c − s_j of 1e4 and 1e4 + 1 (classes 1, 2 against label 0)
  const off = 3;
  const s = Float64Array.from([9, 9, 9, 5e4, 5e4 - 1e4, 5e4 - 1e4 - 1]);
  const a = softmaxLogOdds(s, off, 3, 0);
  close(a, -1e4 + Math.log1p(Math.exp(-1)), 1e-15, "log-odds");
  const g = new Float64Array(3);
  assert.equal(softmaxCrossEntropy(s, off, 3, 0, g), 0);
  assert.deepEqual(Array.from(g, (v) => Math.abs(v)), [0, 0, 0]);
  close(logSoftmaxCrossEntropy(s, off, 3, 0), a, 1e-15, "log ℓ ≈ a");
  const lg = new Float64Array(5);
  softmaxLogGradient(s, off, 3, 0, lg, 2);
  close(lg[3], -1e4, 1e-15, "log p₁");
  close(lg[4], -1e4 - 1, 1e-15, "log p₂");
  close(lg[2], a, 1e-15, "log(1 − p₀)");
  // moderate scores: the log-gradient is log |∂ℓ/∂s|
  const t = Float64Array.from([0.2, 1.5, -0.4]);
  const gd = new Float64Array(3), gl = new Float64Array(3);
  softmaxCrossEntropy(t, 0, 3, 2, gd);
  softmaxLogGradient(t, 0, 3, 2, gl);
  for (let j = 0; j < 3; j++) close(gl[j], Math.log(Math.abs(gd[j])), 1e-14, `log|g_${j}|`);
  assert.throws(() => softmaxCrossEntropy(t, 0, 3, 3), /label must be an integer in \[0, 3\)/);
});
