// One funnel for every failure: user errors become one line and exit code 2,
// internal bugs print their stack and exit code 1.
import { CommanderError } from "commander";
import { DataError } from "../data/index.ts";
import type { TextOut } from "./io.ts";

/** A mistake in what the user asked for: `what` is wrong, `allowed` says what would be right. */
export class UsageError extends Error {
  readonly allowed?: string;
  constructor(what: string, allowed?: string) {
    super(allowed ? `${what}; ${allowed}` : what);
    this.name = "UsageError";
    this.allowed = allowed;
  }
}

/** A failure that is a bug even if its cause looks like bad input (e.g. a RangeError inside a claim run with its defaults). */
export class InternalError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = "InternalError";
  }
}

/** Exit codes: 0 ok, 1 a check failed or an internal error, 2 a user error. */
export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;

// Errors of the lower layers that always mean bad input (matched by name so the
// CLI need not load those layers to recognize them).
const USER_ERROR_NAMES = new Set(["OptimizerOptionError", "ParameterError"]);

// RangeErrors thrown by the engine itself (not by biaslab's solvers) are bugs.
const ENGINE_RANGE_ERROR = /maximum call stack|invalid (typed )?array length|invalid string length|out of memory/i;

/** The one-line message for a user error, or undefined if `e` is an internal error. */
export function userErrorMessage(e: unknown, hint?: string): string | undefined {
  if (e instanceof InternalError) return undefined;
  if (e instanceof UsageError || e instanceof DataError) return withHint(oneLine(e.message), hint);
  if (e instanceof Error && USER_ERROR_NAMES.has(e.name)) return withHint(oneLine(e.message), hint);
  if (e instanceof CommanderError) return oneLine(e.message.replace(/^error:\s*/, ""));
  if (isZodError(e)) return zodMessage(e);
  if (e instanceof RangeError && !ENGINE_RANGE_ERROR.test(e.message)) {
    return withHint(oneLine(e.message), hint);
  }
  return undefined;
}

function withHint(msg: string, hint: string | undefined): string {
  return msg.includes(";") || !hint ? msg : `${msg}; ${hint}`;
}

/** Reports `e` on `stderr` and returns the exit code. */
export function reportError(e: unknown, stderr: TextOut, hint?: string): number {
  const msg = userErrorMessage(e, hint);
  if (msg !== undefined) {
    stderr.write(`biaslab: error: ${msg}\n`);
    return EXIT_USAGE;
  }
  let stack = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  for (let c = e instanceof Error ? e.cause : undefined; c !== undefined; c = c instanceof Error ? c.cause : undefined) {
    stack += `\ncaused by: ${c instanceof Error ? (c.stack ?? `${c.name}: ${c.message}`) : String(c)}`;
  }
  stderr.write(`biaslab: internal error (a bug; please report it with the command that caused it):\n${stack}\n`);
  return EXIT_FAIL;
}

export function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}

interface ZodLikeIssue {
  path: (string | number)[];
  message: string;
}

function isZodError(e: unknown): e is Error & { issues: ZodLikeIssue[] } {
  return e instanceof Error && e.name === "ZodError" && Array.isArray((e as { issues?: unknown }).issues);
}

function zodMessage(e: { issues: ZodLikeIssue[] }): string {
  const parts = e.issues.map((i) => (i.path.length ? `parameter '${i.path.join(".")}': ${i.message}` : i.message));
  return `${oneLine(parts.join(", "))}; see 'biaslab list' and the claim's parameters`;
}
