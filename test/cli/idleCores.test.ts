import { test } from "node:test";
import assert from "node:assert/strict";
import { cpus } from "node:os";
import { Worker } from "node:worker_threads";
import { idleCores } from "../../src/cli/threads/idleCores.ts";

test("idle cores: between 0 and the core count, and a spinning thread takes about one core away", async () => {
  const n = cpus().length;
  const quiet = idleCores(50);
  assert.ok(quiet >= 0 && quiet <= n + 1e-9, `${quiet} of ${n}`);
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker("const { workerData: f } = require('node:worker_threads'); Atomics.store(f, 0, 1); while (Atomics.load(f, 0) === 1);", { eval: true, workerData: flag });
  try {
    while (Atomics.load(flag, 0) === 0) await new Promise((r) => setTimeout(r, 5));
    const busy = idleCores(200);
    assert.ok(busy <= n - 0.5, `${busy} of ${n} cores idle while one spins`);
  } finally {
    Atomics.store(flag, 0, 2);
    await worker.terminate();
  }
});
