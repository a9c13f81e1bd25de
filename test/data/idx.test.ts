import { test } from "node:test";
import assert from "node:assert/strict";
import { readIdx, writeIdx, decodeIdx, isGzip, idxTwoClass, idxMulticlass, DataError, type IdxArray } from "../../src/data/index.ts";

/** a tiny MNIST-like pair: 6 images of 2×3 pixels and their labels */
function tinyPair(): { images: IdxArray; labels: IdxArray } {
  const pixels = new Uint8Array(6 * 6);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37) % 256;
  return {
    images: { type: "uint8", dims: [6, 2, 3], data: pixels },
    labels: { type: "uint8", dims: [6], data: Uint8Array.from([3, 7, 3, 1, 7, 3]) },
  };
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes.slice()]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

test("the IDX header is laid out as in the MNIST files: 0, 0, type, ndims, big-endian sizes", () => {
  const bytes = writeIdx(tinyPair().images);
  assert.deepEqual(Array.from(bytes.subarray(0, 16)), [0, 0, 8, 3, 0, 0, 0, 6, 0, 0, 0, 2, 0, 0, 0, 3]);
  assert.equal(bytes.length, 16 + 36);
  const labels = writeIdx({ type: "uint8", dims: [70000], data: new Uint8Array(70000) });
  assert.deepEqual(Array.from(labels.subarray(0, 8)), [0, 0, 8, 1, 0, 1, 0x11, 0x70]);
});

test("readIdx inverts writeIdx for every IDX type, with big-endian data", () => {
  const cases: IdxArray[] = [
    tinyPair().images,
    { type: "int8", dims: [4], data: Int8Array.from([-128, -1, 0, 127]) },
    { type: "int16", dims: [2, 2], data: Int16Array.from([-32768, 258, 0, 32767]) },
    { type: "int32", dims: [3], data: Int32Array.from([-2147483648, 16909060, 2147483647]) },
    { type: "float32", dims: [2], data: Float32Array.from([1.5, -2.25]) },
    { type: "float64", dims: [1, 3], data: Float64Array.from([Math.PI, -1e300, 5e-324]) },
    { type: "uint8", dims: [0, 28, 28], data: new Uint8Array(0) },
  ];
  for (const c of cases) {
    const back = readIdx(writeIdx(c));
    assert.equal(back.type, c.type);
    assert.deepEqual(back.dims, c.dims);
    assert.deepEqual(Array.from(back.data), Array.from(c.data));
  }
  // big-endian: int16 258 is stored as 01 02
  const b = writeIdx({ type: "int16", dims: [1], data: Int16Array.from([258]) });
  assert.deepEqual(Array.from(b.subarray(8)), [1, 2]);
  // a view into a larger buffer reads the same
  const padded = new Uint8Array(100);
  const bytes = writeIdx(tinyPair().labels);
  padded.set(bytes, 7);
  assert.deepEqual(Array.from(readIdx(padded.subarray(7, 7 + bytes.length)).data), [3, 7, 3, 1, 7, 3]);
  // so does a Node Buffer (files are read as Buffers), whose slice() is a view, not a copy
  for (const c of [{ type: "int8", dims: [4], data: Int8Array.from([1, 1, -1, -1]) }, tinyPair().labels] as IdxArray[]) {
    const buf = Buffer.concat([Buffer.alloc(13, 9), Buffer.from(writeIdx(c))]).subarray(13);
    const read = readIdx(buf);
    assert.deepEqual(Array.from(read.data), Array.from(c.data));
    buf.fill(0);
    assert.deepEqual(Array.from(read.data), Array.from(c.data), "the data are a copy");
  }
});

test("malformed bytes give one-line DataErrors that say what is wrong", () => {
  const good = writeIdx(tinyPair().images);
  const bad = (bytes: Uint8Array, re: RegExp) =>
    assert.throws(() => readIdx(bytes, "train-images"), (e: unknown) => e instanceof DataError && re.test(e.message) && !e.message.includes("\n"));
  bad(new Uint8Array([0, 0]), /train-images has 2 bytes; an IDX file starts with a 4-byte magic number/);
  bad(Uint8Array.from([80, 75, 3, 4, 0, 0]), /is not an IDX file: its first two bytes are 80, 75/);
  bad(Uint8Array.from([0, 0, 0x0a, 1, 0, 0, 0, 0]), /type code 0x0a; IDX types are 0x08 uint8/);
  bad(Uint8Array.from([0, 0, 8, 0]), /declares 0 dimensions/);
  bad(Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 6]), /cut short: 3 dimensions need a 16-byte header, the file has 8 bytes/);
  bad(good.subarray(0, good.length - 1), /35 data bytes but dimensions 6×2×3 of uint8 need 36; the file is truncated/);
  const longer = new Uint8Array(good.length + 2);
  longer.set(good);
  bad(longer, /longer than its header says/);
  bad(Uint8Array.from([0x1f, 0x8b, 8, 0]), /gzip-compressed; decompress it first/);
});

test("decodeIdx decompresses gzip (as the data sets are shipped) and rejects broken gzip", async () => {
  const bytes = writeIdx(tinyPair().images);
  const gz = await gzip(bytes);
  assert.ok(isGzip(gz) && !isGzip(bytes));
  const back = await decodeIdx(gz, "images.gz");
  assert.deepEqual(Array.from(back.data), Array.from(tinyPair().images.data));
  assert.deepEqual(Array.from((await decodeIdx(bytes)).data), Array.from(tinyPair().images.data));
  await assert.rejects(decodeIdx(gz.subarray(0, 12), "images.gz"), (e: unknown) => e instanceof DataError && /images.gz is not valid gzip data/.test(e.message));
});

test("two classes become ±1 data with scaled pixels; multiclass keeps chosen classes in order", () => {
  const { images, labels } = tinyPair();
  const two = idxTwoClass(readIdx(writeIdx(images)), readIdx(writeIdx(labels)), { positive: 7, negative: 3 });
  assert.deepEqual(Array.from(two.indices), [0, 1, 2, 4, 5]);
  assert.deepEqual(Array.from(two.y), [-1, 1, -1, 1, -1]);
  assert.equal(two.X.cols, 6);
  assert.equal(two.X.get(1, 2), images.data[6 + 2] / 255);
  const limited = idxTwoClass(images, labels, { positive: 7, negative: 3, limit: 2, scale: 1 });
  assert.deepEqual(Array.from(limited.y), [-1, 1]);
  assert.equal(limited.X.get(0, 1), images.data[1]);
  assert.throws(() => idxTwoClass(images, labels, { positive: 7, negative: 5 }), /no example has label 5; labels present: 1, 3, 7/);
  assert.throws(() => idxTwoClass(images, labels, { positive: 7, negative: 7 }), /must differ/);
  assert.throws(() => idxTwoClass(images, { type: "uint8", dims: [5], data: new Uint8Array(5) }, { positive: 0, negative: 1 }), /6 images but 5 labels/);
  const multi = idxMulticlass(images, labels, { classes: [7, 1] });
  assert.deepEqual(Array.from(multi.indices), [1, 3, 4]);
  assert.deepEqual(Array.from(multi.labels), [0, 1, 0]);
  assert.equal(multi.classes, 2);
  assert.deepEqual(idxMulticlass(images, labels).classValues, [1, 3, 7]);
});
