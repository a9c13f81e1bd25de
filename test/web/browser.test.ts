// The playground in a real browser: Debian's chromium, headless, driven by playwright-core, against
// `biaslab serve`. Skipped (with the reason) where chromium is not installed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { chromium, type Page } from "playwright-core";
import { startServe } from "../helpers/serve.ts";
import { cli } from "../cli/harness.ts";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? false : "chromium not installed: run bash scripts/browser.sh";

type Table = Record<string, Record<string, number>>;

/** Loads the page with this query, waits for the run to end, and reads the results table's full values. */
async function run(page: Page, base: string, query: string): Promise<Table> {
  await page.goto(`${base}?${query}`);
  await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]', { timeout: 20_000 });
  const status = await page.textContent("#status");
  assert.match(status ?? "", /^done in/, `${query}: ${status}`);
  return page.$$eval("#results-table tbody tr", (rows) => Object.fromEntries(rows.map((r) => [
    (r as HTMLElement).dataset.method!,
    Object.fromEntries(Array.from(r.querySelectorAll("td")).map((td) => [td.dataset.column!, Number(td.dataset.value)])),
  ])));
}

test("browser: the demos run in a Web Worker; the angle gap falls; WASM SIMD is used, and the plain kernels give the same numbers to 1e-12", { skip, timeout: 60_000 }, async () => {
  const server = await startServe();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));

    const sep = await run(page, server.url, "demo=separable&steps=20000");
    const gd = sep["gradient descent"], ngd = sep["normalized GD"];
    for (const r of [gd, ngd]) {
      assert.equal(r.t, 20000);
      assert.ok(r["angle at t"] < r["angle at t = 1"] / 10, JSON.stringify(r));
    }
    assert.ok(ngd["angle at t"] < gd["angle at t"] / 100, `normalized GD ${ngd["angle at t"]} vs GD ${gd["angle at t"]}`);
    assert.equal(await page.locator("#charts polyline").count(), 2, "one curve per method");
    assert.equal(await page.locator("#picture line[marker-end]").count(), 3, "ŵ and both directions");
    assert.equal(await page.inputValue("#setting-steps"), "20000", "the controls show the URL's state");

    const query = "demo=least-squares&steps=2000";
    const simd = await run(page, server.url, query);
    assert.equal(await page.getAttribute("#kernels", "data-kernels"), "simd", (await page.textContent("#kernels")) ?? "");
    assert.equal(await page.getAttribute("#kernels", "data-simd-available"), "true");
    assert.ok(simd["gradient descent"]["to min-ℓ2"] < 1e-12, "GD reaches the min-ℓ2 interpolant (and HiGHS ran in the worker)");
    assert.ok(new URL(page.url()).search === `?${query}`, page.url());

    const plain = await run(page, server.url, `${query}&simd=0`);
    assert.equal(await page.getAttribute("#kernels", "data-kernels"), "plain");
    assert.deepEqual(Object.keys(plain), Object.keys(simd));
    let compared = 0;
    for (const [method, row] of Object.entries(simd)) {
      for (const [column, v] of Object.entries(row)) {
        const w = plain[method][column];
        assert.ok(Number.isFinite(v) && Math.abs(v - w) <= 1e-12 * Math.max(1, Math.abs(v)), `${method}, ${column}: SIMD ${v}, plain ${w}`);
        compared++;
      }
    }
    assert.equal(compared, 18);

    // Stop lands in the worker while it runs
    await page.goto(`${server.url}?demo=separable&steps=10000000`);
    await page.waitForSelector('#status[data-state="running"]:has-text("t =")');
    await page.click("#stop");
    await page.waitForSelector('#status[data-state="stopped"]', { timeout: 10_000 });
    assert.deepEqual(errors, []);

    // an engine without WebAssembly (V8 --jitless has none): the feature test says so, the plain kernels run
    const noWasm = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--js-flags=--jitless"] });
    try {
      const p2 = await noWasm.newPage();
      const again = await run(p2, server.url, "demo=separable&steps=20000");
      assert.equal(await p2.getAttribute("#kernels", "data-simd-available"), "false");
      assert.equal(await p2.evaluate(() => typeof WebAssembly), "undefined");
      assert.deepEqual(again, sep, "the same numbers as with WebAssembly");
    } finally {
      await noWasm.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
});

test("bench --browser: the loops (one thread and two, SIMD and plain) and a solver run in Chromium's workers and give Node's numbers (1e-12; the margin 1e-9)", { skip, timeout: 120_000 }, async () => {
  const lines = async (argv: string[]) => {
    const r = await cli(argv);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  const loops = ["logreg-2d", "logreg-gd", "sensing-gd", "diag-net-gd", "relu2-gd"];
  for (const [plain, threads] of [[false, 1], [true, 1], [false, 2]] as const) {
    const common = ["bench", ...loops, "--iters", "300", "--json", ...(plain ? ["--no-simd"] : []), "--threads", String(threads)];
    const [inBrowser, inNode] = [await lines([...common, "--browser", "--chromium", CHROMIUM]), await lines(common)];
    assert.deepEqual(inBrowser.map((l) => l.workload), loops);
    for (const [i, b] of inBrowser.entries()) {
      const n = inNode[i];
      assert.match(String(b.runtime), /^chromium \d+\./);
      assert.equal(b.kernels, plain ? "plain" : "wasm-simd");
      assert.equal(b.kernels, n.kernels);
      // logreg-2d has no two-thread program; the others' run in the cross-origin-isolated page with a second worker
      assert.equal(b.threads, b.workload === "logreg-2d" ? 1 : threads, String(b.workload));
      assert.equal(b.threads, n.threads);
      assert.equal(b.iters, 300);
      const [x, y] = [b.check as number, n.check as number];
      assert.ok(Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(y)), `${String(b.workload)} ${b.kernels}: browser ${x}, Node ${y}`);
    }
  }
  const [svmBrowser] = await lines(["bench", "svm-l2", "--repeats", "0", "--json", "--browser", "--chromium", CHROMIUM]);
  const [svmNode] = await lines(["bench", "svm-l2", "--repeats", "0", "--json"]);
  assert.equal((svmBrowser.certificate as { ok: boolean }).ok, true);
  assert.ok(Math.abs((svmBrowser.margin as number) - (svmNode.margin as number)) <= 1e-9 * (svmNode.margin as number), `${String(svmBrowser.margin)} vs ${String(svmNode.margin)}`);
});

test("bench page: Run times every loop; without cross-origin isolation it says so and runs two-thread requests on one thread, with the same numbers", { skip, timeout: 60_000 }, async () => {
  const server = await startServe();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
  try {
    const ask = async (isolated: boolean) => {
      const page = await browser.newPage();
      if (!isolated) {
        // the same server, its COOP/COEP headers dropped: no SharedArrayBuffer in the page or its workers
        await page.route("**/*", async (route) => {
          const response = await route.fetch();
          const headers = Object.fromEntries(Object.entries(response.headers()).filter(([k]) => !k.startsWith("cross-origin-")));
          await route.fulfill({ response, headers });
        });
      }
      await page.goto(`${server.url}bench.html`);
      await page.waitForSelector('#status[data-state="idle"]');
      const status = await page.textContent("#status");
      const reply = await page.evaluate(() => window.biaslabBench({ kind: "loop", workload: "logreg-gd", scale: 1, iters: 200, simd: true, threads: 2 }));
      await page.close();
      assert.ok(reply.ok && reply.kind === "loop", JSON.stringify(reply));
      return { status, threads: reply.threads, check: reply.result.check };
    };
    // a visitor's Run: every loop of the registry (the worker sends their names), on two threads where it has a program
    const page = await browser.newPage();
    await page.goto(`${server.url}bench.html`);
    await page.waitForSelector('#status[data-state="idle"]');
    await page.click("#run");
    await page.waitForSelector('#status[data-state="done"], #status[data-state="error"]', { timeout: 60_000 });
    assert.equal(await page.textContent("#status"), "done");
    const rows = await page.$$eval("#rows tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.textContent)));
    assert.deepEqual(rows.map((r) => r[0]), ["logreg-2d", "logreg-gd", "sensing-gd", "diag-net-gd", "relu2-gd"]);
    assert.deepEqual(rows.map((r) => `${r[5]} ${r[6]}`), ["wasm-simd 1", ...Array(4).fill("wasm-simd 2")]);
    await page.close();

    const [isolated, plain] = [await ask(true), await ask(false)];
    assert.equal(isolated.status, "ready");
    assert.equal(isolated.threads, 2);
    assert.match(plain.status ?? "", /one thread: this page is not cross-origin isolated/);
    assert.equal(plain.threads, 1);
    assert.ok(Math.abs(plain.check - isolated.check) <= 1e-12 * Math.abs(isolated.check), `${plain.check} vs ${isolated.check}`);
  } finally {
    await browser.close();
    await server.stop();
  }
});
