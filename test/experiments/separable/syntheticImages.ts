// A small synthetic stand-in for Fashion-MNIST in IDX form, so that the claim's tests need no
// package: 4×4 images of classes 5 (y = +1) and 9 (y = −1), plus a few images of class 0.
//   pixel 0: a strong but noisy class signal (128 ± 40 + N(0, 60²)): early GD leans on it;
//   pixel 1: a weak, almost noiseless one (128 ± 8 + N(0, 1)): it separates the classes, and the
//            max-margin direction (where GD's direction goes) relies on it;
//   the other pixels: noise N(128, 30²).
// So the validation error keeps falling as GD turns from pixel 0 to pixel 1; a fraction `flip` of
// the validation labels is wrong, and their loss grows with the norm: the validation loss grows.
import { writeIdx, fashionMnist, type DatasetFiles } from "../../../src/data/index.ts";
import { Rng } from "../../../src/random/index.ts";

function split(rng: Rng, n: number, flip: number): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(n * 16), labels = new Uint8Array(n);
  const clamp = (v: number) => Math.min(255, Math.max(0, Math.round(v)));
  for (let i = 0; i < n; i++) {
    const other = i % 20 === 19; // class 0, which the claim leaves out
    const y = i % 2 === 0 ? 1 : -1;
    images[i * 16] = clamp(128 + 40 * y + 60 * rng.normal());
    images[i * 16 + 1] = clamp(128 + 8 * y + rng.normal());
    for (let k = 2; k < 16; k++) images[i * 16 + k] = clamp(128 + 30 * rng.normal());
    const shown = rng.uniform() < flip ? -y : y;
    labels[i] = other ? 0 : shown > 0 ? 5 : 9;
  }
  return { images, labels };
}

/** The four files of fashionMnist's spec (uncompressed IDX) for the synthetic images. */
export function syntheticFashion(seed = 1, opts: { trainSize?: number; testSize?: number; flip?: number; trainFlip?: number } = {}): DatasetFiles {
  const rng = new Rng(seed);
  const tr = split(rng, opts.trainSize ?? 600, opts.trainFlip ?? 0);
  const te = split(rng, opts.testSize ?? 420, opts.flip ?? 0.05);
  const img = (s: { images: Uint8Array; labels: Uint8Array }) => writeIdx({ type: "uint8", dims: [s.labels.length, 4, 4], data: s.images });
  const lab = (s: { images: Uint8Array; labels: Uint8Array }) => writeIdx({ type: "uint8", dims: [s.labels.length], data: s.labels });
  const [a, b, c, d] = fashionMnist.files;
  return { [a]: img(tr), [b]: lab(tr), [c]: img(te), [d]: lab(te) };
}
