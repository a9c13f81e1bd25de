// Two classes of an IDX image data set (Fashion-MNIST) as ±1 training and validation data: the
// files come through the run context's loader (the claim itself reads no file), a seeded random
// training subset of n images of the two classes from the training file, validation images from
// the test file, grey levels in [0, 1], optionally averaged over pool×pool blocks, and both sets
// centred by the training mean (no bias in the models: centring stands in for it).
import {
  MissingDataError, columnMeans, decodeIdx, examplesWithLabels, imageRows, installCommand, subtractFromRows,
  type BinaryClassificationData, type DatasetSpec, type IdxArray,
} from "../../data/index.ts";
import { DataError } from "../../data/index.ts";
import type { Rng } from "../../random/index.ts";
import type { RunContext } from "../types.ts";

export interface ImagePairOptions {
  readonly spec: DatasetSpec;
  /** folder of the files (undefined: the loader's default) */
  readonly dataDir?: string;
  /** label of the class y = +1, and of the class y = −1 */
  readonly positive: number;
  readonly negative: number;
  /** training images drawn at random from the training file's images of the two classes */
  readonly n: number;
  /** validation images drawn from the test file's images of the two classes (Infinity: all) */
  readonly validation: number;
  readonly pool: number;
  readonly center: boolean;
}

export interface ImagePair {
  readonly train: BinaryClassificationData;
  readonly validation: BinaryClassificationData;
  /** the images of the two classes in the training and the test file */
  readonly available: { readonly train: number; readonly test: number };
  /** mean ‖xᵢ‖² over the training rows (after centring) */
  readonly meanSquaredNorm: number;
}

/** k of the positions, drawn uniformly without replacement (partial Fisher–Yates), in increasing order */
function sample(rng: Rng, positions: Int32Array, k: number): Int32Array {
  const a = positions.slice();
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(a.length - i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a.subarray(0, k).sort();
}

function pairData(images: IdxArray, labels: IdxArray, picks: Int32Array, positive: number, pool: number): BinaryClassificationData {
  const X = imageRows(images, picks, { pool });
  const y = Float64Array.from(picks, (i) => (labels.data[i] === positive ? 1 : -1));
  return { X, y };
}

async function decodePair(spec: DatasetSpec, files: Readonly<Record<string, Uint8Array>>, images: string, labels: string): Promise<[IdxArray, IdxArray]> {
  const [im, lb] = await Promise.all([decodeIdx(files[images], `${spec.title} ${images}`), decodeIdx(files[labels], `${spec.title} ${labels}`)]);
  if (lb.dims.length !== 1 || lb.dims[0] !== im.dims[0]) {
    throw new DataError(`${spec.title}: ${labels} has dimensions ${lb.dims.join("×")} for ${im.dims[0]} images in ${images}; the labels must be one per image`);
  }
  return [im, lb];
}

export async function imagePair(ctx: RunContext, rng: Rng, o: ImagePairOptions): Promise<ImagePair> {
  const { spec } = o;
  if (!ctx.datasets) {
    throw new MissingDataError(`${spec.title} cannot be read: this run has no dataset loader (the command line has one; a library caller passes runExperiment(exp, { datasets })); install the data with ${installCommand(spec)}`, spec.id);
  }
  const files = await ctx.datasets(spec, o.dataDir);
  const [trainImages, trainLabels, testImages, testLabels] = spec.files;
  const [ti, tl] = await decodePair(spec, files, trainImages, trainLabels);
  const [vi, vl] = await decodePair(spec, files, testImages, testLabels);
  const classes = [o.positive, o.negative];
  const inTrain = examplesWithLabels(tl, classes), inTest = examplesWithLabels(vl, classes);
  if (inTrain.length < o.n) throw new RangeError(`${spec.title}: n = ${o.n} but the training file has ${inTrain.length} images of classes ${o.positive} and ${o.negative}`);
  if (inTest.length === 0) throw new RangeError(`${spec.title}: the test file has no image of classes ${o.positive} and ${o.negative}`);
  const trainPicks = sample(rng, inTrain, o.n);
  const testPicks = o.validation >= inTest.length ? inTest : sample(rng, inTest, o.validation);
  const train = pairData(ti, tl, trainPicks, o.positive, o.pool);
  const validation = pairData(vi, vl, testPicks, o.positive, o.pool);
  if (o.center) {
    const mu = columnMeans(train.X);
    subtractFromRows(train.X, mu);
    subtractFromRows(validation.X, mu);
  }
  let s = 0;
  for (const v of train.X.data) s += v * v;
  return { train, validation, available: { train: inTrain.length, test: inTest.length }, meanSquaredNorm: s / train.X.rows };
}
