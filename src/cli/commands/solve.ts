// biaslab solve <program> --data F.csv: a reference program of implicit-bias theory
// on the user's data, with its optimality certificate.
import type { Command } from "commander";
import { classificationProgramRegistry, isClassificationProgram, matrixProgramRegistry, programRegistry, type Certificate, type MatrixProgram, type ProgramOptions, type ReferenceProgram } from "../../references/index.ts";
import { addClassificationDataOptions, rejectClassificationFlags } from "../classificationData.ts";
import type { CommandContext } from "../context.ts";
import { EXIT_FAIL, EXIT_OK, UsageError } from "../errors.ts";
import { readRegressionCsv, readStartingPoint } from "../files.ts";
import { writeJson } from "../io.ts";
import { checkKeys, collect, parseSets } from "../options.ts";
import { fmt, formatTable } from "../table.ts";
import { dataSummary, featureNames, resolvePotential } from "../userData.ts";
import { MATRIX_FORMATS, addMatrixDataOptions, rejectMatrixFlags, type MatrixDataFlags } from "../matrixData.ts";
import { classificationProgramHelp, solveClassification, type ClassificationSolveOptions } from "./solveClassification.ts";

interface SolveOptions extends ClassificationSolveOptions, MatrixDataFlags {
  data: string;
  target?: string;
  potential?: string;
  w0?: string;
  set?: string[];
  json?: boolean;
}

/** Programs whose objective is measured from a reference point w0. */
const TAKES_W0 = new Set(["min-l2", "bregman"]);

export function registerSolve(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command("solve")
    .description("solve a reference program on your data (min-l2, min-l1, min-linf, bregman, ridge; svm-l2, svm-l1, svm-linf, svm-lp, svm-multiclass, separable; matrix: nuclear, nuclear-psd, nuclear-margin, min-frobenius, nonneg-l1) and print its certificate")
    .argument("<program>", allProgramNames().join(" | "))
    .requiredOption("--data <file>", "CSV file: a header row of column names, one row per example (classification: or IDX images with --labels; matrix programs: see Matrix data below)")
    .option("--target <name>", "the target or label column (default: the last column); every other column is a feature")
    .option("--potential <id>", "bregman only (default euclidean): euclidean, entropy, simplex-entropy, p-norm:<p>, hyperbolic:<beta>")
    .option("--w0 <w0>", "min-l2 and bregman: the reference point w0, a number (every entry) or a file of d numbers")
    .option("--set <key=value>", "another option of the program (repeatable), e.g. --set lambda=0.1 for ridge", collect)
    .option("--json", 'print exactly { "program", "solution": [...], "certificate": {...} } and nothing else')
    .option("--p <p>", "svm-lp: the norm p, 1 < p < ∞");
  addMatrixDataOptions(addClassificationDataOptions(cmd))
    .addHelpText("after", () => `\nPrograms:\n${programHelp()}\n${classificationProgramHelp()}\n\n${MATRIX_FORMATS}\nExit codes: 0 solved with a valid certificate, 1 the certificate fails, 2 bad input (e.g. Xw = y has no solution).`)
    .action(async (name: string, opts: SolveOptions) => {
      const { io } = ctx;
      if (isClassificationProgram(name)) {
        rejectMatrixFlags(name, opts);
        return solveClassification(ctx, name, opts);
      }
      rejectClassificationFlags(opts, `program ${name}`);
      if (opts.p !== undefined) throw new UsageError(`--p applies to svm-lp, not ${name}`, "drop --p");
      const entry = programEntry(name);
      const options: Record<string, string | number | boolean | undefined> = {};
      for (const [k, v] of Object.entries(parseSets(opts.set ?? []))) {
        if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
          throw new UsageError(`--set ${k}: expected a number, a string or true/false`, `options of ${name}: ${optionList(entry)}`);
        }
        options[k] = v;
      }
      checkKeys(options, Object.keys(entry.options), `program ${name}`);
      if (opts.potential !== undefined) {
        if (!("potential" in entry.options)) throw new UsageError(`--potential applies to the bregman program, not ${name}`, "drop --potential or use 'solve bregman'");
        if ("potential" in options) throw new UsageError("the potential is given twice (--potential and --set potential=…)", "give one");
        options.potential = opts.potential;
      }
      if (opts.w0 !== undefined && !TAKES_W0.has(name)) {
        throw new UsageError(`--w0 applies to ${[...TAKES_W0].join(" and ")}, not ${name}`, `${name} is ${entry.description}`);
      }
      if (isMatrix(name)) {
        const { solveMatrix } = await import("./solveMatrix.ts");
        return solveMatrix(ctx, name, opts, options);
      }
      rejectMatrixFlags(name, opts);
      const potential = typeof options.potential === "string" ? resolvePotential(options.potential) : undefined;

      const data = readRegressionCsv(io, opts.data, opts.target);
      const w0 = opts.w0 === undefined ? undefined : readStartingPoint(io, opts.w0, data.X.cols);
      if (potential && w0 && !potential.inDomain(w0)) {
        throw new UsageError(`--w0 is outside the domain of the potential ${potential.name}`, "e.g. entropy needs w0 > 0, simplex-entropy a point of the simplex");
      }
      const sol = await (entry as ReferenceProgram).solve({ X: data.X, y: data.Y.data, ...(w0 ? { w0 } : {}) }, options as ProgramOptions);

      if (opts.json) {
        writeJson(io.stdout, { program: name, solution: Array.from(sol.solution), certificate: sol.certificate });
      } else {
        io.stdout.write(`${name}: ${entry.description}${potential ? `, ψ = ${potential.name}` : ""}\n${dataSummary(opts.data, data)}\n\n`);
        const features = featureNames(data);
        io.stdout.write(formatTable([["feature", "w"], ...features.map((f, j) => [f, String(sol.solution[j])])]));
        io.stdout.write(`\n${certificateText(sol.certificate)}`);
      }
      if (!sol.certificate.ok) io.stderr.write(`biaslab: the certificate of ${name} fails its tolerances (see the residuals above)\n`);
      ctx.exit(sol.certificate.ok ? EXIT_OK : EXIT_FAIL);
    });
}

function isMatrix(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(matrixProgramRegistry, name);
}

function allProgramNames(): string[] {
  return [...Object.keys(programRegistry), ...Object.keys(classificationProgramRegistry), ...Object.keys(matrixProgramRegistry)];
}

function programEntry(name: string): ReferenceProgram | MatrixProgram {
  if (isMatrix(name)) return matrixProgramRegistry[name];
  if (!Object.prototype.hasOwnProperty.call(programRegistry, name)) {
    throw new UsageError(`unknown program '${name}'`, `programs are: ${allProgramNames().join(", ")}`);
  }
  return programRegistry[name];
}

function optionList(entry: ReferenceProgram | MatrixProgram): string {
  return Object.keys(entry.options).join(", ") || "(none)";
}

function programHelp(): string {
  return [...Object.entries(programRegistry), ...Object.entries(matrixProgramRegistry)]
    .map(([name, p]) => {
      const opts = Object.entries(p.options).map(([k, v]) => `\n      --set ${k}=…  ${v}`).join("");
      return `  ${name.padEnd(15)}${p.description}${opts}`;
    })
    .join("\n");
}

/** The certificate as aligned "name  value" lines. */
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
