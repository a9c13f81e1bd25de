// biaslab solve <svm-l2 | svm-l1 | svm-linf | svm-lp | svm-multiclass | separable>: the
// max-margin programs and the separability check on the user's classification data.
import { classificationProgramRegistry, type ClassificationProgram, type ClassificationSolution } from "../../references/index.ts";
import { readClassificationData, type ClassificationFlags, type LoadedClassification } from "../classificationData.ts";
import type { CommandContext } from "../context.ts";
import { EXIT_FAIL, EXIT_OK, UsageError } from "../errors.ts";
import { writeJson } from "../io.ts";
import { requireSeparableFor } from "../notSeparable.ts";
import { checkKeys, parseSets } from "../options.ts";
import { fmt, formatTable } from "../table.ts";
import { certificateText } from "./solve.ts";

export interface ClassificationSolveOptions extends ClassificationFlags {
  readonly potential?: string;
  readonly w0?: string;
  readonly set?: string[];
  readonly p?: string;
  readonly json?: boolean;
}

export function classificationProgramHelp(): string {
  const lines = Object.entries(classificationProgramRegistry).map(([name, p]) => {
    const opts = Object.entries(p.options).map(([k, v]) => `\n      ${k === "p" ? "--p" : `--set ${k}=…`}  ${v}`).join("");
    return `  ${name.padEnd(16)}${p.description} [${p.data === "binary" ? "labels ±1" : "k classes"}]${opts}`;
  });
  return [
    "Classification programs (--data F.csv with a label column, or --data images.idx --labels labels.idx):",
    ...lines,
    "  'separable' answers either way with a certificate and exits 0 for both answers (read \"separable\" in the output);",
    "  the svm programs exit 2 on data that are not linearly separable through the origin.",
  ].join("\n");
}

/** p for people and JSON: 1, 2, 3.5 or "inf" */
function normLabel(p: number | undefined): number | string | undefined {
  return p === Infinity ? "inf" : p;
}

export async function solveClassification(ctx: CommandContext, name: string, opts: ClassificationSolveOptions): Promise<void> {
  const { io } = ctx;
  const entry: ClassificationProgram = classificationProgramRegistry[name];
  if (opts.potential !== undefined) throw new UsageError(`--potential applies to the bregman program, not ${name}`, "drop --potential");
  if (opts.w0 !== undefined) throw new UsageError(`--w0 applies to min-l2 and bregman, not ${name}`, "max-margin programs have no reference point: drop --w0");
  const options: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(parseSets(opts.set ?? []))) {
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") throw new UsageError(`--set ${k}: expected a number or a string`, `options of ${name}: ${Object.keys(entry.options).join(", ") || "(none)"}`);
    options[k] = v;
  }
  checkKeys(options, Object.keys(entry.options).filter((k) => k !== "p"), `program ${name}`);
  if (opts.p !== undefined) {
    if (!("p" in entry.options)) throw new UsageError(`--p applies to svm-lp, not ${name}`, "drop --p, or use 'solve svm-lp --p P'");
    options.p = opts.p;
  } else if ("p" in entry.options) {
    throw new UsageError(`${name} needs --p, the norm p`, "a number with 1 < p < ∞, e.g. --p 1.5 (svm-l1, svm-l2 and svm-linf solve p = 1, 2, ∞)");
  }

  const loaded = await readClassificationData(io, opts, entry.data, {
    what: name,
    multiclass: entry.data === "binary" ? "or use svm-multiclass for every class" : "",
  });
  const sol = await requireSeparableFor(loaded, name, () =>
    loaded.kind === "binary" && entry.data === "binary" ? entry.solve(loaded.data, options)
    : loaded.kind === "multiclass" && entry.data === "multiclass" ? entry.solve(loaded.data, options)
    : Promise.reject(new Error(`solve ${name}: data of kind ${loaded.kind} for a ${entry.data} program`)),
  );

  if (opts.json) writeJson(io.stdout, jsonReport(name, sol, loaded));
  else io.stdout.write(humanReport(name, entry, sol, loaded));
  if (!sol.certificate.ok) io.stderr.write(`biaslab: the certificate of ${name} fails its tolerances (see the residuals above)\n`);
  ctx.exit(sol.certificate.ok ? EXIT_OK : EXIT_FAIL);
}

/** support vectors as positions in the file (0-based examples) */
function supportInFile(sol: ClassificationSolution, loaded: LoadedClassification): number[] {
  return Array.from(sol.supportVectors ?? [], (i) => loaded.index[i]);
}

function jsonReport(name: string, sol: ClassificationSolution, loaded: LoadedClassification): Record<string, unknown> {
  if (sol.separable !== undefined) {
    return {
      program: name,
      separable: sol.separable,
      solution: sol.separable ? sol.solution : null,
      certificate: sol.certificate,
      linfMargin: sol.margin,
      ...(sol.farkas ? { farkas: sol.farkas, farkasExamples: Array.from(loaded.index) } : {}),
    };
  }
  return {
    program: name,
    solution: sol.solution,
    certificate: sol.certificate,
    margin: sol.margin,
    p: normLabel(sol.p),
    supportVectors: supportInFile(sol, loaded),
    ...(loaded.kind === "multiclass" ? { classes: loaded.classNames, shape: [loaded.data.classes, loaded.data.X.cols] } : {}),
  };
}

function humanReport(name: string, entry: ClassificationProgram, sol: ClassificationSolution, loaded: LoadedClassification): string {
  let out = `${name}: ${entry.description}\n${loaded.summary}\n\n`;
  const d = loaded.data.X.cols;
  if (sol.separable === false) {
    out += `not separable through the origin: λ ≥ 0 with Σλᵢ = 1 and Σλᵢyᵢxᵢ = 0 on the examples below, so Σλᵢ yᵢ⟨w, xᵢ⟩ = 0 for every w\n`;
    const rows = Array.from(sol.farkas!, (l, i) => [i, l] as const).filter(([, l]) => l > 1e-9);
    out += formatTable([["example", "label", "λ"], ...rows.map(([i, l]) => [loaded.position(loaded.index[i]), loaded.kind === "binary" && loaded.data.y[i] > 0 ? "+1" : "−1", fmt(l)])]);
  } else {
    if (sol.separable) out += `separable through the origin: w below has every margin yᵢ⟨w, xᵢ⟩ ≥ 1 (ℓ∞-normalized margin ${fmt(sol.margin)})\n`;
    if (loaded.kind === "multiclass") {
      const k = loaded.data.classes;
      out += formatTable([
        ["feature", ...loaded.classNames.map((c) => `w[class ${c}]`)],
        ...loaded.features.map((f, j) => [f, ...Array.from({ length: k }, (_, c) => String(sol.solution[c * d + j]))]),
      ]);
    } else {
      out += formatTable([["feature", "w"], ...loaded.features.map((f, j) => [f, String(sol.solution[j])])]);
    }
    if (sol.separable === undefined) {
      const p = sol.p === Infinity ? "∞" : String(sol.p);
      const sv = supportInFile(sol, loaded);
      out += `\nmax margin γ = 1/‖ŵ‖_${p} = ${fmt(sol.margin)} (the largest smallest margin over ‖w‖_${p} ≤ 1)\n`;
      out += `support vectors: ${sv.length}${sv.length ? `: ${sv.slice(0, 10).map((i) => loaded.position(i)).join(", ")}${sv.length > 10 ? ", …" : ""}` : ""}\n`;
    }
  }
  return `${out}\n${certificateText(sol.certificate)}`;
}
