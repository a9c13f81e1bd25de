import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { parsePort } from "../../src/cli/commands/serve.ts";
import { startServe } from "../helpers/serve.ts";
import { cli } from "./harness.ts";

test("serve: a bad --port is one line and exit 2, before anything is built", async () => {
  for (const port of ["abc", "70000", "-1", "8080x", "1.5", ""]) {
    const r = await cli(["serve", "--port", port]);
    assert.equal(r.code, 2, port);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `biaslab: error: --port must be an integer in 0…65535, got '${port}'; 0 picks a free port\n`);
  }
  assert.equal(parsePort("0"), 0);
  assert.equal(parsePort("65535"), 65535);
});

test("serve: a port in use is one line and exit 2", async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const r = await cli(["serve", "--port", String(port)]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr, `biaslab: error: port ${port} is in use; pick another with --port P, or --port 0 for a free one\n`);
  } finally {
    blocker.close();
  }
});

test("serve: the pages, their bundles and HiGHS's binary, with their types, cross-origin isolated; 404 and 405 otherwise; SIGTERM exits 0", async () => {
  const s = await startServe();
  try {
    const want: [string, string, string][] = [
      ["", "text/html", '<script type="module" src="main.js">'],
      ["index.html", "text/html", 'id="settings"'],
      ["style.css", "text/css", ".layout"],
      ["main.js", "text/javascript", "worker.js"],
      ["worker.js", "text/javascript", "highs.wasm"],
      ["bench.html", "text/html", '<script type="module" src="bench.js">'],
      ["bench.js", "text/javascript", "benchWorker.js"],
    ];
    for (const [path, type, contains] of want) {
      const r = await fetch(s.url + path);
      assert.equal(r.status, 200, path);
      assert.ok(r.headers.get("content-type")!.startsWith(type), `${path}: ${r.headers.get("content-type")}`);
      assert.ok((await r.text()).includes(contains), `${path} contains ${contains}`);
      // cross-origin isolated (shared memory for the two-thread loops)
      assert.equal(r.headers.get("cross-origin-opener-policy"), "same-origin", path);
      assert.equal(r.headers.get("cross-origin-embedder-policy"), "require-corp", path);
    }
    const wasm = await fetch(`${s.url}highs.wasm`);
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
    assert.deepEqual([...new Uint8Array(await wasm.arrayBuffer()).subarray(0, 4)], [0, 0x61, 0x73, 0x6d], "\\0asm");
    assert.equal((await fetch(`${s.url}../package.json`)).status, 404);
    assert.equal((await fetch(`${s.url}src/index.ts`)).status, 404);
    assert.equal((await fetch(s.url, { method: "POST", body: "x" })).status, 405);
  } finally {
    assert.equal(await s.stop(), 0);
  }
});
