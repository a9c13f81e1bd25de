// biaslab solve <program> --data F.csv: a reference program of implicit-bias theory
// on the user's data, with its optimality certificate.
import type { Command } from "commander";
import type { Certificate, ReferenceSolution } from "../../references/index.ts";
import type { RegressionData } from "../../data/index.ts";
import type { CommandContext } from "../context.ts";
import { EXIT_FAIL, EXIT_OK, UsageError } from "../errors.ts";
import { readRegressionCsv, readStartingPoint } from "../files.ts";
import { writeJson } from "../io.ts";
import { fmt, formatTable } from "../table.ts";
import { dataSummary, resolvePotential } from "../userData.ts";

interface SolveOptions {
  data: string;
  target?: string;
  potential?: string;
  w0?: string;
  json?: boolean;
}

export function registerSolve(program: Command, ctx: CommandContext): void {
  program
    .command("solve")
    .description("solve a reference program on your data (min-l2, min-l1, min-linf, bregman) and print its certificate")
    .argument("<program>", "min-l2 | min-l1 | min-linf | bregman")
    .requiredOption("--data <file>", "CSV file: a header row of column names, one row per example")
    .option("--target <name>", "target column y (default: the last column); every other column is a feature")
    .option("--potential <id>", "bregman only: euclidean, entropy, simplex-entropy, p-norm:<p>, hyperbolic:<beta>")
    .option("--w0 <w0>", "starting point w0: a number (every entry) or a file of d numbers (default: 0)")
    .option("--json", 'print exactly { "program", "solution": [...], "certificate": {...} } and nothing else')
    .addHelpText(
      "after",
      [
        "",
        "Programs (all subject to Xw = y):",
        "  min-l2     argmin ‖w − w0‖₂   (where GD/SGD/momentum go)",
        "  min-l1     argmin ‖w − w0‖₁   (an LP)",
        "  min-linf   argmin ‖w − w0‖_∞  (an LP)",
        "  bregman    argmin D_ψ(w, w0)  (where mirror descent with potential ψ goes; needs --potential)",
        "Exit codes: 0 solved with a valid certificate, 1 the certificate fails, 2 bad input (e.g. Xw = y has no solution).",
      ].join("\n"),
    )
    .action(async (name: string, opts: SolveOptions) => {
      const { io } = ctx;
      const entry = await programEntry(name);
      if (name !== "bregman" && opts.potential !== undefined) {
        throw new UsageError(`--potential applies only to the bregman program, not ${name}`, "drop --potential or use 'solve bregman'");
      }
      if (name === "bregman" && opts.potential === undefined) {
        throw new UsageError("solve bregman needs --potential", "potentials are: euclidean, entropy, simplex-entropy, p-norm:<p>, hyperbolic:<beta>");
      }
      const data = readRegressionCsv(io, opts.data, opts.target);
      const potential = opts.potential === undefined ? undefined : resolvePotential(opts.potential);
      const w0 = opts.w0 === undefined ? undefined : readStartingPoint(io, opts.w0, data.X.cols);
      if (potential && w0 && !potential.inDomain(w0)) {
        throw new UsageError(`--w0 is outside the domain of the potential ${potential.name}`, "e.g. entropy needs w0 > 0, simplex-entropy a point of the simplex");
      }
      const options: Record<string, unknown> = {};
      if (w0) options.w0 = w0;
      if (potential) options.potential = potential;
      const sol = await entry.solve({ X: data.X, y: data.Y.data }, options);

      if (opts.json) {
        writeJson(io.stdout, { program: name, solution: Array.from(sol.solution), certificate: sol.certificate });
      } else {
        io.stdout.write(`${name}: ${entry.description}\n${dataSummary(opts.data, data)}\n\n`);
        const features = data.features ?? Array.from({ length: data.X.cols }, (_, j) => `x${j + 1}`);
        io.stdout.write(formatTable([["feature", "w"], ...features.map((f, j) => [f, String(sol.solution[j])])]));
        io.stdout.write(`\n${certificateText(sol.certificate)}`);
      }
      if (!sol.certificate.ok) io.stderr.write(`biaslab: the certificate of ${name} fails its tolerances (see the residuals)\n`);
      ctx.exit(sol.certificate.ok ? EXIT_OK : EXIT_FAIL);
    });
}

interface ProgramEntry {
  readonly description: string;
  solve(problem: { X: RegressionData["X"]; y: Float64Array }, options: Record<string, unknown>): Promise<ReferenceSolution>;
}

/** The registered program (the references layer, with its LP solver, is loaded only here). */
async function programEntry(name: string): Promise<ProgramEntry> {
  const { programRegistry } = await import("../../references/index.ts");
  const entry = Object.prototype.hasOwnProperty.call(programRegistry, name) ? programRegistry[name] : undefined;
  if (!entry) throw new UsageError(`unknown program '${name}'`, `programs are: ${Object.keys(programRegistry).join(", ")}`);
  return entry;
}

export function certificateText(c: Certificate): string {
  const rows: string[][] = [["certificate", `${c.kind}: ${c.ok ? "ok" : "FAILS"}`]];
  rows.push(["primal residual", fmt(c.primalResidual)], ["dual residual", fmt(c.dualResidual)]);
  if (c.dualityGap !== undefined) rows.push(["duality gap", fmt(c.dualityGap)]);
  rows.push(["primal objective", fmt(c.primalObjective)]);
  if (c.dualObjective !== undefined) rows.push(["dual objective", fmt(c.dualObjective)]);
  if (c.iterations !== undefined) rows.push(["iterations", String(c.iterations)]);
  for (const [k, v] of Object.entries(c.details ?? {})) rows.push([k, typeof v === "number" ? fmt(v) : String(v)]);
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join("\n") + "\n";
}
