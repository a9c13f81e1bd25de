// Browser bundles built by esbuild under the isomorphism rule (see isomorphic.ts): the playground's
// page (web/main.ts) and its worker (web/worker.ts, which carries the library), kept in memory.
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { build } from "esbuild";
import { isomorphicPlugin } from "./isomorphic.ts";

/** the repository's root folder */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** the playground's static files and entry points */
export const WEB_DIR = join(REPO_ROOT, "web");

export interface BrowserBundleOptions {
  /** entry points, absolute or relative to the repository's root */
  readonly entryPoints: readonly string[];
  /** folders whose files must obey the rule themselves (default: src and web) */
  readonly own?: readonly string[];
  readonly minify?: boolean;
}

export interface BrowserBundle {
  /** output files by URL path ("/main.js") */
  readonly files: ReadonlyMap<string, Uint8Array>;
  /** the inputs that went in, relative to the repository's root */
  readonly inputs: readonly string[];
  readonly seconds: number;
}

/** Bundles the entry points for the browser (ES modules, one file each); rejects with esbuild's errors. */
export async function bundleForBrowser(options: BrowserBundleOptions): Promise<BrowserBundle> {
  const start = performance.now();
  const own = options.own ?? [join(REPO_ROOT, "src"), WEB_DIR];
  const result = await build({
    entryPoints: options.entryPoints.map((e) => (e.startsWith("/") ? e : join(REPO_ROOT, e))),
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    outdir: "/",
    write: false,
    metafile: true,
    minify: options.minify ?? false,
    logLevel: "silent",
    plugins: [isomorphicPlugin(own, REPO_ROOT)],
  });
  const files = new Map<string, Uint8Array>();
  for (const f of result.outputFiles) files.set(f.path, f.contents);
  return { files, inputs: Object.keys(result.metafile.inputs), seconds: (performance.now() - start) / 1000 };
}

/** The playground: /main.js (the page) and /worker.js (the optimizer); /bench.js and /benchWorker.js (the bench page). */
export function bundlePlayground(): Promise<BrowserBundle> {
  return bundleForBrowser({ entryPoints: ["web/main.ts", "web/worker.ts", "web/bench.ts", "web/benchWorker.ts"], minify: true });
}
