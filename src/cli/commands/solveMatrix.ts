// biaslab solve <matrix program> --data F.csv: a nuclear-norm, Frobenius or nonnegative-ℓ1 reference program on
// the user's measurement or completion data, printed with its spectrum and certificate.
import { countAsymmetric, type MatrixCsv } from "../../data/index.ts";
import type { Matrix } from "../../linalg/index.ts";
import { SdpError, matrixProgramRegistry, type MatrixProgram, type ProgramOptions, type ReferenceSolution } from "../../references/index.ts";
import type { CommandContext } from "../context.ts";
import { EXIT_FAIL, EXIT_OK, UsageError } from "../errors.ts";
import { writeJson } from "../io.ts";
import { fmt, formatTable } from "../table.ts";
import { matrixDataSummary, programData, readMatrixData, type MatrixDataFlags } from "../matrixData.ts";
import { matrixText } from "../matrixText.ts";
import { certificateText } from "./solve.ts";

export interface SolveMatrixOptions extends MatrixDataFlags {
  data: string;
  target?: string;
  potential?: string;
  w0?: string;
  json?: boolean;
}

export async function solveMatrix(ctx: CommandContext, name: string, opts: SolveMatrixOptions, options: ProgramOptions): Promise<void> {
  const { io } = ctx;
  const entry = matrixProgramRegistry[name];
  for (const [flag, v] of [["--target", opts.target], ["--potential", opts.potential], ["--w0", opts.w0]] as const) {
    if (v !== undefined) throw new UsageError(`${flag} applies to the regression programs, not ${name}`, `${name} reads yᵢ from the last column of each row`);
  }
  const data = readMatrixData(io, opts.data, opts, { who: name, vector: entry.unknown === "vector", symmetric: entry.psd, labels: entry.labels });
  if (entry.psd && data.kind === "measurements" && countAsymmetric(data) > 0) {
    const asymmetric = countAsymmetric(data);
    io.stderr.write(`biaslab: note: ${asymmetric} of the ${data.A.rows} Aᵢ are not symmetric; ${name} uses their symmetric parts (Aᵢ + Aᵢᵀ)/2, which give the same ⟨Aᵢ, W⟩ on symmetric W\n`);
  }
  const sol = await solveOrExplain(name, entry, data, options);

  if (opts.json) {
    const solution = entry.unknown === "vector" ? Array.from(sol.solution.data) : sol.solution.toArrays();
    writeJson(io.stdout, { program: name, solution, certificate: sol.certificate });
  } else {
    io.stdout.write(`${name}: ${entry.description}\n${matrixDataSummary(opts.data, data, entry.unknown === "vector")}\n\n`);
    io.stdout.write(entry.unknown === "vector" ? vectorText(sol.solution.data) : matrixText(sol.solution, entry.psd));
    io.stdout.write(`\n${certificateText(sol.certificate)}`);
  }
  if (!sol.certificate.ok) io.stderr.write(`biaslab: the certificate of ${name} fails its tolerances (see the residuals above)\n`);
  ctx.exit(sol.certificate.ok ? EXIT_OK : EXIT_FAIL);
}

/** An interior-point method that stalls on the user's data is reported as what it is, in one line. */
async function solveOrExplain(name: string, entry: MatrixProgram, data: MatrixCsv, options: ProgramOptions): Promise<ReferenceSolution<Matrix>> {
  try {
    return await entry.solve(programData(data), options);
  } catch (e) {
    if (e instanceof SdpError) {
      const r = e.reached;
      throw new UsageError(
        `${name}: the SDP solver stopped (${e.status}) after ${e.iterations} iterations at primal residual ${fmt(r.primalResidual)}, dual residual ${fmt(r.dualResidual)}, gap ${fmt(r.gap)}`,
        "the data may be badly scaled or the program nearly infeasible; rescale yᵢ and Aᵢ, or try --set maxIterations=300 or --set tol=1e-7",
      );
    }
    throw e;
  }
}

function vectorText(x: Float64Array): string {
  let l1 = 0, support = 0;
  for (const v of x) {
    l1 += Math.abs(v);
    if (v !== 0) support++;
  }
  return `${formatTable([["j", "x"], ...Array.from(x, (v, j) => [String(j + 1), String(v)])])}\nsupport ${support} of ${x.length}, ‖x‖₁ = ${fmt(l1)}\n`;
}

