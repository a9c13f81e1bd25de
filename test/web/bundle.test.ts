// The isomorphism test: the library (src/index.ts) and the playground bundle for the browser with
// esbuild, and the build fails for code that reaches for Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleForBrowser, bundlePlayground } from "../../src/cli/playground/bundle.ts";

test("the whole library bundles for the browser with no Node built-ins (HiGHS's Node-only branch stays an unrun dynamic import)", async () => {
  const b = await bundleForBrowser({ entryPoints: ["src/index.ts"] });
  for (const layer of ["linalg/kernels-wasm.ts", "linalg/kernels-wasm-bytes.ts", "run/loop.ts", "experiments/registry.ts", "report/index.ts"]) {
    assert.ok(b.inputs.includes(`src/${layer}`), `src/${layer} is in the bundle`);
  }
  assert.ok(!b.inputs.some((i) => i.startsWith("src/cli/") || i === "src/report/node.ts"), "the Node edges stay out");
  const code = new TextDecoder().decode(b.files.get("/index.js"));
  const nodeImports = [...code.matchAll(/(?:from|import\(|require\()\s*["']([^"']+)["']/g)].map((m) => m[1]).filter((p) => isBuiltin(p));
  assert.deepEqual([...new Set(nodeImports)], ["node:module"], "only HiGHS's guarded import(\"node:module\") is left");
});

test("the playground bundles: the pages without the library, the workers with it", async () => {
  const b = await bundlePlayground();
  assert.deepEqual([...b.files.keys()].sort(), ["/bench.js", "/benchWorker.js", "/main.js", "/worker.js"]);
  assert.ok(b.inputs.includes("web/worker.ts") && b.inputs.includes("src/optimizers/gd.ts"));
  assert.ok(b.inputs.includes("web/benchWorker.ts") && b.inputs.includes("src/bench/timing.ts"));
  for (const page of ["/main.js", "/bench.js"]) assert.ok(b.files.get(page)!.byteLength < 50_000, `${page}, a page's script, is small (the library is in the workers)`);
});

function rejects(files: Record<string, string>, message: RegExp) {
  const dir = mkdtempSync(join(tmpdir(), "biaslab-iso-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return assert.rejects(bundleForBrowser({ entryPoints: [join(dir, "entry.ts")], own: [dir] }), message);
}

test("the build fails when own code imports a Node built-in, directly or through another file", async () => {
  await rejects({ "entry.ts": 'import { readFileSync } from "node:fs";\nexport const f = readFileSync;\n' }, /entry\.ts imports the Node built-in "node:fs"/);
  await rejects({ "entry.ts": 'export * from "./deep.ts";\n', "deep.ts": 'export { Worker } from "worker_threads";\n' }, /deep\.ts imports the Node built-in "worker_threads"/);
  await rejects({ "entry.ts": 'export const load = () => import("node:path");\n' }, /imports the Node built-in "node:path"/);
});

test("the build fails when own code uses Node's globals, and not for a local of the same name or a feature test", async () => {
  await rejects({ "entry.ts": "export const debug = process.env.DEBUG;\n" }, /entry\.ts uses Node's global "process"/);
  await rejects({ "entry.ts": 'export const b64 = (s: string) => Buffer.from(s, "base64");\n' }, /uses Node's global "Buffer"/);
  await rejects({ "entry.ts": 'export const here = __dirname + require("x");\n' }, /uses Node's global "require", "__dirname"/);
  const dir = mkdtempSync(join(tmpdir(), "biaslab-iso-"));
  writeFileSync(join(dir, "entry.ts"), "// process.exit() in a comment\nexport const f = (process: { id: number }) => process.id;\nexport const node = globalThis.process?.versions !== undefined;\n");
  const b = await bundleForBrowser({ entryPoints: [join(dir, "entry.ts")], own: [dir] });
  assert.equal(b.files.size, 1);
});
