// The biaslab command line. `main` parses argv, runs one command and returns the exit
// code; every failure goes through reportError (user error → one line, exit 2; bug → stack, exit 1).
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { EXIT_OK, EXIT_USAGE, oneLine, reportError } from "./errors.ts";
import { defaultIo, type CliIo } from "./io.ts";
import { loadLab, type Lab } from "./lab.ts";
import type { CommandContext } from "./context.ts";
import { registerList } from "./commands/list.ts";
import { registerRun } from "./commands/run.ts";
import { registerVerify } from "./commands/verify.ts";
import { registerSolve } from "./commands/solve.ts";
import { registerTrain } from "./commands/train.ts";
import { registerBench } from "./commands/bench.ts";
import { registerServe } from "./commands/serve.ts";

export interface MainOptions extends Partial<CliIo> {
  /** the library the commands drive; tests pass fakes, the default loads the real layers lazily */
  readonly lab?: Lab | (() => Promise<Lab>);
}

export const COMMANDS = ["list", "run", "verify", "solve", "train", "bench", "serve"] as const;

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const io = defaultIo(options);
  let exitCode = EXIT_OK;
  let current = "";
  let labPromise: Promise<Lab> | undefined;
  const ctx: CommandContext = {
    io,
    lab: () => (labPromise ??= typeof options.lab === "function" ? options.lab() : Promise.resolve(options.lab ?? loadLab({ cwd: io.cwd }))),
    exit: (code) => {
      exitCode = code;
    },
  };

  const program = new Command("biaslab")
    .description("A laboratory for the implicit bias of optimization: run an optimizer, solve the predicted program, check where it goes.")
    .version(version(), "-V, --version")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => {}, // reported by the funnel below, in one line
    })
    .addHelpText(
      "after",
      "\nExit codes: 0 success, 1 a check failed (or an internal error), 2 bad input.\nWith --json, stdout carries JSON only; logs and progress go to stderr.",
    );
  // Remember which command is being parsed so parse errors can point at its --help.
  program.hook("preSubcommand", (_p, sub) => {
    current = sub.name();
  });

  registerList(program, ctx);
  registerRun(program, ctx);
  registerVerify(program, ctx);
  registerSolve(program, ctx);
  registerTrain(program, ctx);
  registerBench(program, ctx);
  registerServe(program, ctx);
  for (const sub of program.commands) sub.exitOverride().showSuggestionAfterError(true);

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return commanderExit(e, current, io);
    return reportError(e, io.stderr, `see 'biaslab${current ? ` ${current}` : ""} --help'`);
  }
}

/** Help and version exit 0; a parse error becomes one line pointing at the right --help. */
function commanderExit(e: CommanderError, command: string, io: CliIo): number {
  if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return EXIT_OK;
  if (e.code === "commander.help" || e.code === "commander.executeSubCommandAsync") return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  const what = oneLine(e.message.replace(/^error:\s*/, ""));
  const allowed =
    e.code === "commander.unknownCommand"
      ? `commands are: ${COMMANDS.join(", ")} (see 'biaslab --help')`
      : `see 'biaslab${command ? ` ${command}` : ""} --help'`;
  io.stderr.write(`biaslab: error: ${what}; ${allowed}\n`);
  return EXIT_USAGE;
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}
