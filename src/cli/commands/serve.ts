// biaslab serve [--port P]: the browser playground (web/) on http://127.0.0.1:P/, bundled with
// esbuild at start; runs until Ctrl-C (SIGINT) or SIGTERM.
import type { Command } from "commander";
import type { CommandContext } from "../context.ts";
import { UsageError } from "../errors.ts";

export const DEFAULT_PORT = 8080;

/** The --port value as a TCP port (0: a free one), or a UsageError. */
export function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be an integer in 0…65535, got '${text}'`, "0 picks a free port");
  return port;
}

function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export function registerServe(program: Command, ctx: CommandContext): void {
  program
    .command("serve")
    .description("serve the browser playground: demos that run the library's optimizers in a Web Worker")
    .option("--port <P>", "the port to listen on at 127.0.0.1 (0 picks a free one)", String(DEFAULT_PORT))
    .action(async (opts: { port: string }) => {
      const port = parsePort(opts.port);
      const { startPlayground } = await import("../playground/server.ts");
      const server = await startPlayground({ port });
      ctx.io.stdout.write(`biaslab playground: ${server.url} (bundled in ${server.bundleSeconds.toFixed(1)} s; Ctrl-C stops)\n`);
      await untilStopped();
      await server.close();
    });
}
