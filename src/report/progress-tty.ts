// A progress line on a terminal (Node only): rewritten in place with \r, at most
// every 100 ms, and nothing at all when the stream is not a TTY (CI, pipes, --json).
import { formatProgress } from "./progress.ts";

export interface ProgressStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface ProgressBar {
  /** fraction in [0, 1] of the work done, with an optional label */
  update(fraction: number, label?: string): void;
  /** erases the line */
  done(): void;
}

export interface ProgressBarOptions {
  readonly minIntervalMs?: number;
  /** the clock (for tests) */
  readonly now?: () => number;
}

export function progressBar(stream: ProgressStream = process.stderr, opts: ProgressBarOptions = {}): ProgressBar {
  if (!stream.isTTY) return { update() {}, done() {} };
  const now = opts.now ?? (() => performance.now());
  const minInterval = opts.minIntervalMs ?? 100;
  const start = now();
  let last = -Infinity;
  let shown = false;
  return {
    update(fraction, label) {
      const t = now();
      if (t - last < minInterval && fraction < 1) return;
      last = t;
      let line = formatProgress(fraction, t - start, label);
      const cols = stream.columns;
      if (cols && line.length > cols - 1) line = line.slice(line.length - (cols - 1));
      stream.write(`\r${line}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write("\r\x1b[K");
      shown = false;
    },
  };
}
