// The isomorphism rule (DESIGN.md: everything up to the experiments and the run loop runs in Node
// and in a Web Worker) as an esbuild plugin for browser bundles. The build fails when biaslab's own
// sources import a Node built-in (fs, node:worker_threads, …) or use one of Node's globals
// (process, Buffer, require, …) as a free name; a dependency's Node built-ins fail the build too,
// through esbuild's own browser-platform rule, unless its package maps them away. The one
// exception is a guarded dynamic import that no browser runs: HiGHS's Emscripten loader imports
// node:module only after it has detected Node.
import { readFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { relative, sep } from "node:path";
import { transform, type Plugin } from "esbuild";

/** Node's globals that a browser does not have (globalThis.process?.… feature tests are not free uses). */
export const NODE_GLOBALS = ["process", "Buffer", "require", "__dirname", "__filename", "global", "setImmediate", "clearImmediate"] as const;

/** dynamic imports of a Node built-in that a dependency makes only under Node (kept external, never run in a browser) */
const GUARDED_IMPORTS: readonly { readonly importer: RegExp; readonly path: string }[] = [
  { importer: /[\\/]highs[\\/]build[\\/]highs\.mjs$/, path: "node:module" },
];

const MARK = "__biaslab_node_global_";

/**
 * The plugin; `own` are the absolute folders of biaslab's sources (src, web), `root` the folder
 * that messages name files relative to.
 */
export function isomorphicPlugin(own: readonly string[], root: string): Plugin {
  const isOwn = (file: string) => own.some((dir) => file === dir || file.startsWith(dir + sep));
  const name = (file: string) => relative(root, file) || file;
  const define = Object.fromEntries(NODE_GLOBALS.map((g) => [g, `${MARK}${g}`]));
  return {
    name: "biaslab-isomorphic",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (!isBuiltin(args.path)) return undefined;
        if (isOwn(args.importer)) {
          return { errors: [{ text: `${name(args.importer)} imports the Node built-in "${args.path}": code that runs in the browser must not use Node's modules` }] };
        }
        if (args.kind === "dynamic-import" && GUARDED_IMPORTS.some((g) => g.path === args.path && g.importer.test(args.importer))) {
          return { path: args.path, external: true };
        }
        return undefined; // esbuild's browser rule: the package's "browser" map, or an error
      });
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        if (!isOwn(args.path)) return undefined;
        const source = await readFile(args.path, "utf8");
        // define replaces only free (unshadowed) names, so a local variable called process is fine
        const { code } = await transform(source, { loader: "ts", define, logLevel: "silent" });
        const used = NODE_GLOBALS.filter((g) => code.includes(`${MARK}${g}`));
        if (used.length > 0) {
          return { errors: [{ text: `${name(args.path)} uses Node's global ${used.map((g) => `"${g}"`).join(", ")}: code that runs in the browser must not` }] };
        }
        return { contents: source, loader: "ts" };
      });
    },
  };
}
