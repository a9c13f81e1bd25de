import { test } from "node:test";
import assert from "node:assert/strict";
import { columnMeans, examplesWithLabels, imageRows, subtractFromRows, type IdxArray } from "../../src/data/index.ts";
import { Matrix } from "../../src/linalg/index.ts";

// three 4×4 images: image k has pixel (r, c) = 16k + 4r + c
const images: IdxArray = { type: "uint8", dims: [3, 4, 4], data: Uint8Array.from({ length: 48 }, (_, p) => p) };
const labels: IdxArray = { type: "uint8", dims: [3], data: Uint8Array.from([7, 2, 7]) };

test("imageRows: picked images as scaled rows; pool 2 averages 2×2 blocks", () => {
  const X = imageRows(images, [2, 0]);
  assert.deepEqual([X.rows, X.cols], [2, 16]);
  assert.ok(Math.abs(X.get(0, 5) - (32 + 5) / 255) < 1e-15, "uint8 grey levels scaled by 1/255");
  assert.ok(Math.abs(X.get(1, 15) - 15 / 255) < 1e-15);
  const P = imageRows(images, [1], { pool: 2, scale: 1 });
  assert.deepEqual([P.rows, P.cols], [1, 4]);
  // block (0, 0) of image 1: 16 + {0, 1, 4, 5}
  assert.equal(P.get(0, 0), 16 + 2.5);
  // block (1, 1): 16 + {10, 11, 14, 15}
  assert.equal(P.get(0, 3), 16 + 12.5);
  assert.throws(() => imageRows(images, [0], { pool: 3 }), /pool 3 does not divide the 4×4 images/);
  assert.throws(() => imageRows(images, [3]), /example 3 is not among the 3 images/);
  assert.throws(() => imageRows({ type: "uint8", dims: [3, 16], data: images.data }, [0], { pool: 2 }), /pooling needs images of dimensions n×height×width/);
  assert.equal(imageRows({ type: "float64", dims: [1, 2], data: Float64Array.from([0.5, 2]) }, [0]).get(0, 1), 2, "non-uint8 images are not rescaled");
});

test("examplesWithLabels finds the positions of the classes; columnMeans and subtractFromRows centre", () => {
  assert.deepEqual(Array.from(examplesWithLabels(labels, [7])), [0, 2]);
  assert.deepEqual(Array.from(examplesWithLabels(labels, [2, 7])), [0, 1, 2]);
  assert.deepEqual(Array.from(examplesWithLabels(labels, [3])), []);
  const X = new Matrix(2, 2, Float64Array.from([1, 2, 3, 6]));
  const mu = columnMeans(X);
  assert.deepEqual(Array.from(mu), [2, 4]);
  subtractFromRows(X, mu);
  assert.deepEqual(Array.from(X.data), [-1, -2, 1, 2]);
  assert.throws(() => subtractFromRows(X, new Float64Array(3)), /X has 2 columns, v 3 entries/);
});
