// `biaslab bench --browser`: the bench page (web/bench.html) served by the playground's server and
// driven in headless Chromium (playwright-core), so the loops and solvers run in a browser's
// Web Worker with the same library code and timing as in Node (two threads: the page is cross-origin
// isolated, and a second Worker shares the loop's memory). One workload per call, so the CLI can run
// the peers right after each, side by side.
import { existsSync } from "node:fs";
import type { BenchResult, SolverResult } from "../bench/index.ts";
import type { BenchReply, BenchRequest } from "../../web/benchProtocol.ts";
import { UsageError } from "./errors.ts";

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
const INSTALL = "install it with 'bash scripts/browser.sh' (Debian's chromium), or name another with --chromium PATH";

export interface BrowserBench {
  /** "chromium 156.0.8078.79" */
  readonly runtime: string;
  loop(workload: string, scale: number, options: { iters?: number; simd: boolean; threads: 1 | 2 }): Promise<BenchResult & { threads: 1 | 2 }>;
  solver(workload: string, texts: readonly string[] | null, options: { repeats: number; simd: boolean }): Promise<SolverResult>;
  close(): Promise<void>;
}

/** Starts the playground's server on a free port and Chromium on its bench page; a missing Chromium is a UsageError. */
export async function openBrowserBench(chromiumPath: string): Promise<BrowserBench> {
  if (!existsSync(chromiumPath)) throw new UsageError(`--browser needs Chromium, and there is none at ${chromiumPath}`, INSTALL);
  const { chromium } = await import("playwright-core");
  const { startPlayground } = await import("./playground/server.ts");
  const server = await startPlayground({ port: 0 });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
  } catch (e) {
    await server.close();
    throw new UsageError(`Chromium at ${chromiumPath} did not start: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}`, INSTALL);
  }
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}bench.html`);
  await page.waitForSelector('#status[data-state="idle"]', { timeout: 30_000 });
  const ask = async (request: BenchRequest): Promise<BenchReply & { ok: true }> => {
    const reply = await page.evaluate((r) => window.biaslabBench(r), request);
    if (!reply.ok) throw new Error(`in the browser: ${reply.message}`);
    if (errors.length) throw new Error(`the bench page failed: ${errors.join("; ")}`);
    return reply;
  };
  return {
    runtime: `chromium ${browser.version()}`,
    async loop(workload, scale, { iters, simd, threads }) {
      const reply = await ask({ kind: "loop", workload, scale, iters, simd, threads });
      if (reply.kind !== "loop") throw new Error("the bench page answered a loop with a solver result");
      return { ...reply.result, threads: reply.threads };
    },
    async solver(workload, texts, { repeats, simd }) {
      const reply = await ask({ kind: "solver", workload, texts, repeats, simd });
      if (reply.kind !== "solver") throw new Error("the bench page answered a solver with a loop result");
      return reply.result;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
