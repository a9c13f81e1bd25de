// Figure → SVG: compile Vega-Lite to Vega, run a headless View (renderer "none")
// and serialize the scene. No DOM, no fs: the same code runs in Node and browsers.
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { FigureSpec } from "../run/types.ts";

export interface RenderOptions {
  /** receives Vega and Vega-Lite warnings (default: dropped, so nothing is printed) */
  readonly onWarning?: (message: string) => void;
}

function quietLogger(onWarning?: (message: string) => void): vega.LoggerInterface {
  let lvl = vega.Warn;
  const say = (args: readonly unknown[]) => onWarning?.(args.map(String).join(" "));
  const logger = {
    level(l?: number) {
      if (l === undefined) return lvl;
      lvl = l;
      return logger;
    },
    error(...args: readonly unknown[]) { throw new Error(`vega: ${args.map(String).join(" ")}`); },
    warn(...args: readonly unknown[]) { say(args); return logger; },
    info() { return logger; },
    debug() { return logger; },
  };
  return logger as unknown as vega.LoggerInterface;
}

/** The SVG markup of a figure (a FigureSpec or a bare Vega-Lite spec). */
export async function renderSvg(figure: FigureSpec | Record<string, unknown>, opts: RenderOptions = {}): Promise<string> {
  const spec = ("spec" in figure && typeof figure.spec === "object" && figure.spec !== null ? figure.spec : figure) as unknown as TopLevelSpec;
  const logger = quietLogger(opts.onWarning);
  const compiled = compile(spec, { logger: logger as never }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
