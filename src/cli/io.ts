// Where the command line reads and writes: injectable so tests can run main() in-process.
import { resolve } from "node:path";

/** The part of a writable stream the CLI uses. */
export interface TextOut {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: TextOut;
  readonly stderr: TextOut;
  /** directory that relative paths (--data, --out) are resolved against */
  readonly cwd: string;
}

export function defaultIo(partial: Partial<CliIo> = {}): CliIo {
  if (!partial.stdout) quietOnClosedPipe(process.stdout);
  if (!partial.stderr) quietOnClosedPipe(process.stderr);
  return {
    stdout: partial.stdout ?? process.stdout,
    stderr: partial.stderr ?? process.stderr,
    cwd: partial.cwd ?? process.cwd(),
  };
}

/**
 * `biaslab list | head -1` closes the pipe early: later writes fail with EPIPE, which
 * is the reader's choice, not an error to print a stack for.
 */
const quieted = new WeakSet<NodeJS.WriteStream>();
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  if (quieted.has(stream)) return;
  quieted.add(stream);
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
  });
}

export function resolvePath(io: CliIo, path: string): string {
  return resolve(io.cwd, path);
}

/** Writes one JSON document (pretty, newline-terminated); non-finite numbers become null as in JSON.stringify. */
export function writeJson(out: TextOut, value: unknown): void {
  out.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`);
}

/** Float64Arrays serialize as arrays, not as {"0": …} objects. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Float64Array || value instanceof Float32Array || value instanceof Int32Array) return Array.from(value);
  return value;
}
