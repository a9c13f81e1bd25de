// In-process harness for the CLI: main() with captured streams, a temp cwd, and fake claims.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { main } from "../../src/cli/main.ts";
import type { Lab } from "../../src/cli/lab.ts";
import type { Experiment } from "../../src/experiments/types.ts";
import { checkAtMost, runExperiment, type Result } from "../../src/run/index.ts";
import { lineChart, writeRunDir } from "../../src/report/node.ts";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture {
  text = "";
  constructor(readonly isTTY = false) {}
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

export function tempDir(prefix = "biaslab-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

export async function cli(argv: string[], opts: { cwd?: string; lab?: Lab; tty?: boolean } = {}): Promise<Captured> {
  const stdout = new Capture();
  const stderr = new Capture(opts.tty ?? false);
  const code = await main(argv, { stdout, stderr, cwd: opts.cwd ?? tempDir(), ...(opts.lab ? { lab: opts.lab } : {}) });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const params = z.object({ n: z.number().int().positive().default(10), scale: z.number().default(1e-12) });
type P = z.infer<typeof params>;

/** A claim whose one check measures `scale` against 1e-8: passes by default, fails with --set scale=1. */
function fakeClaim(id: string, run?: (p: P) => Promise<Result>): Experiment<P> {
  return {
    id,
    section: "A",
    seeds: ["000"],
    claim: `${id} holds`,
    params,
    quick: { n: 2 },
    run:
      run ??
      (async (p, ctx) => {
        ctx.progress(0.5, "half");
        return {
          id,
          params: {},
          checks: [checkAtMost("distance to the prediction", p.scale, 1e-8, { predicted: "argmin ‖w‖₂ s.t. Xw = y", competitor: { name: "min-l1", measured: 0.5 } })],
          traces: [{ name: "trace", columns: ["t", "loss"], rows: [[1, 1], [p.n, 1e-3]] }],
          figures: [lineChart({ name: "loss", title: "loss", x: "t", y: "loss", logY: true, data: [{ t: 1, loss: 1 }, { t: p.n, loss: 1e-3 }] })],
          summary: { n: p.n },
        };
      }),
  };
}

export interface FakeLab extends Lab {
  readonly progress: { fraction: number; label?: string }[];
}

export function fakeLab(): FakeLab {
  const progress: { fraction: number; label?: string }[] = [];
  const experiments = [
    fakeClaim("pass-claim"),
    fakeClaim("fail-claim", async () => ({
      id: "fail-claim",
      params: {},
      checks: [checkAtMost("distance to the prediction", 0.3, 1e-8)],
      traces: [],
      figures: [],
      summary: {},
    })),
    fakeClaim("crash-claim", async () => {
      throw new RangeError("boom: the system has no solution");
    }),
  ] as unknown as Experiment[];
  return {
    experiments,
    runExperiment: (exp, options) => runExperiment(exp, options),
    writeRunDir: (dir, results) => writeRunDir(dir, results),
    progressBar: () => ({ update: (fraction, label) => progress.push({ fraction, label }), done: () => progress.push({ fraction: -1 }) }),
    progress,
  };
}

/** The one line a user error must produce. */
export function assertOneErrorLine(r: Captured, pattern: RegExp): void {
  if (r.code !== 2) throw new Error(`expected exit 2, got ${r.code}; stderr: ${r.stderr}`);
  const lines = r.stderr.split("\n").filter((l) => l.length > 0);
  if (lines.length !== 1) throw new Error(`expected one stderr line, got ${lines.length}:\n${r.stderr}`);
  if (!/^biaslab: error: .+; .+/.test(lines[0])) throw new Error(`not 'biaslab: error: <what>; <allowed>': ${lines[0]}`);
  if (!pattern.test(lines[0])) throw new Error(`${lines[0]} does not match ${pattern}`);
  if (r.stdout !== "") throw new Error(`expected nothing on stdout, got: ${r.stdout}`);
}
