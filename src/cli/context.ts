// What every command gets: the streams, the library (loaded lazily) and a way to set the exit code.
import type { CliIo } from "./io.ts";
import type { Lab } from "./lab.ts";

export interface CommandContext {
  readonly io: CliIo;
  lab(): Promise<Lab>;
  exit(code: number): void;
}
