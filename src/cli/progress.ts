// Progress on stderr: a bar with ETA when stderr is a terminal, silent otherwise
// (CI, pipes) and always silent with --json.
import type { CliIo } from "./io.ts";
import type { Lab, ProgressBar } from "./lab.ts";

const silent: ProgressBar = { update: () => {}, done: () => {} };

export function startProgress(lab: Lab, io: CliIo, enabled: boolean): ProgressBar {
  if (!enabled || !io.stderr.isTTY) return silent;
  return lab.progressBar(io.stderr);
}
