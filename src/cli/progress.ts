// Progress on stderr: a bar with ETA when stderr is a terminal, silent otherwise
// (CI, pipes) and always silent with --json. The bar lives in the report layer,
// which is loaded only when a bar is shown (it brings Vega along).
import type { ProgressBar, ProgressStream } from "../report/node.ts";
import type { CliIo } from "./io.ts";

export type { ProgressBar };

const silent: ProgressBar = { update: () => {}, done: () => {} };

export async function startProgress(io: CliIo, enabled: boolean, make?: (stream: ProgressStream) => ProgressBar): Promise<ProgressBar> {
  if (!enabled || !io.stderr.isTTY) return silent;
  if (make) return make(io.stderr);
  const { progressBar } = await import("../report/node.ts");
  return progressBar(io.stderr);
}
