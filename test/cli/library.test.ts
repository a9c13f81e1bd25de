// The library's public face (package.json "exports": src/index.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as biaslab from "../../src/index.ts";
import { gd, leastSquares, linearModel, minNormL2, Matrix, Rng, runOptimizerSync, relDist, parseCsv } from "../../src/index.ts";

test("the public face exports each layer: GD from 0 on least squares reaches minNormL2", () => {
  const rng = new Rng(3);
  const N = 4, d = 9;
  const X = new Matrix(N, d, rng.fillNormal(new Float64Array(N * d)));
  const y = rng.fillNormal(new Float64Array(N));
  const objective = leastSquares({ X, Y: new Matrix(N, 1, y) }, linearModel(d));
  const beta = objective.smoothness!(new Float64Array(d));
  const run = runOptimizerSync({ objective, optimizer: gd({ lr: 1 / beta }), theta0: new Float64Array(d), rng, maxIter: 20000 });
  assert.ok(relDist(run.state.theta, minNormL2(X, y).solution) < 1e-8);
  assert.equal(parseCsv("a,y\n1,2\n").X.get(0, 0), 1);
  for (const name of ["optimizerRegistry", "programRegistry", "potentialFromId", "experiments", "runExperiment", "logSpacedCheckpoints", "checkCloser", "renderSvg", "reportHtml", "traceCsv"]) {
    assert.ok(name in biaslab, `${name} is exported`);
  }
});

test("everything the public face imports is isomorphic: no node:, fs or process", () => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    const rel = file.slice(root.length + 1);
    assert.doesNotMatch(text, /from\s+["']node:|from\s+["'](fs|path|os|child_process|worker_threads)["']/, `${rel} imports a Node module`);
    assert.doesNotMatch(text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, ""), /\bprocess\.\w/, `${rel} uses process`);
    for (const m of text.matchAll(/(?:import|export)[^"']*?from\s+["'](\.[^"']+)["']/g)) visit(resolve(dirname(file), m[1]));
  };
  visit(resolve(root, "index.ts"));
  assert.ok(seen.size > 20, `followed ${seen.size} files`);
  assert.ok(![...seen].some((f) => f.includes(`${"/"}cli${"/"}`)), "the CLI is not part of the library face");
});
