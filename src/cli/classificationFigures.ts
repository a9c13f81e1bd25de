// The run folder of `biaslab train` on classification data: params, summary, the trace and
// its figures (log L, ‖w‖, the normalized margin against γ*, the angle to each max-margin
// direction; for 2-D binary data the points with the decision boundaries).
import type { FigureSpec, Result, Trace } from "../run/index.ts";
import type { LoadedClassification } from "./classificationData.ts";
import type { MaxMarginReference } from "./classificationReferences.ts";
import type { TrainOptions } from "./commands/train.ts";
import { runParams } from "./commands/train.ts";

export interface ClassificationRun {
  readonly opts: TrainOptions;
  /** the optimizer's display name */
  readonly optimizer: string;
  readonly options: Record<string, unknown>;
  readonly theta0: Float64Array;
  readonly report: {
    readonly iterations: number;
    readonly stopReason: string;
    readonly loss: number;
    readonly logLoss: number;
    readonly normW: number;
    readonly margin: number;
    readonly trainingErrors: number;
    readonly references: Record<string, { readonly angle: number; readonly directionGap: number; readonly marginGap: number }>;
    readonly closest: string | null;
  };
  readonly trace: Trace;
  readonly refs: readonly MaxMarginReference[];
  readonly loaded: LoadedClassification;
  readonly final: Float64Array;
  readonly seconds: number;
}

export async function trainClassificationResult(run: ClassificationRun): Promise<Result> {
  const { lineChart, traceRows } = await import("../report/node.ts");
  const { opts, optimizer, options, theta0, report, trace, refs, loaded } = run;
  const params: Record<string, unknown> = {
    data: opts.data,
    ...(opts.labels !== undefined ? { labels: opts.labels } : { target: opts.target ?? "(last column)" }),
    ...(opts.classes !== undefined ? { classes: opts.classes } : {}),
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    loss: opts.loss,
    ...runParams(opts, options, theta0),
  };
  const summary: Record<string, number | string | boolean> = {
    optimizer,
    loss: opts.loss,
    iterations: report.iterations,
    stopReason: report.stopReason,
    "final loss": report.loss,
    "final log loss": report.logLoss,
    "‖w‖₂": report.normW,
    "normalized margin (ℓ2)": report.margin,
    "training errors": report.trainingErrors,
  };
  for (const r of refs) {
    summary[`${r.name}: max margin`] = r.margin;
    summary[`${r.name}: certificate ok`] = r.certificateOk;
    summary[`angle to ${r.name} (rad)`] = report.references[r.name].angle;
    summary[`margin gap to ${r.name}`] = report.references[r.name].marginGap;
  }
  summary["closest max-margin direction"] = report.closest ?? "none";

  const col = (name: string) => trace.columns.indexOf(name);
  const series = (name: string) => trace.rows.map((row) => ({ t: row[0], v: row[col(name)] }));
  const primary = refs[0];
  const figures: FigureSpec[] = [
    lineChart({
      name: "loss", title: `${optimizer}: training loss (log domain, exact where L underflows)`,
      data: series("log loss"), x: "t", y: "v", xTitle: "iteration t", yTitle: "log L(w_t)", logX: true,
    }),
    lineChart({
      name: "norm", title: `${optimizer}: ‖w_t‖₂`,
      data: series("‖w‖₂"), x: "t", y: "v", xTitle: "iteration t", yTitle: "‖w_t‖₂", logX: true, logY: true,
    }),
    lineChart({
      name: "margin", title: `${optimizer}: normalized margin against the ${primary.name} margin γ*`,
      data: series("normalized margin (ℓ2)"), x: "t", y: "v", xTitle: "iteration t", yTitle: "normalized margin (ℓ2)", logX: true,
      referenceLines: [{ y: primary.margin, label: `γ* of ${primary.name}` }],
    }),
    lineChart({
      name: "angle-to-references", title: `${optimizer}: angle to each max-margin direction`,
      data: traceRows(trace, "t", refs.map((r) => `angle to ${r.name}`), Object.fromEntries(refs.map((r) => [`angle to ${r.name}`, r.name]))),
      x: "t", y: "value", series: "series", xTitle: "iteration t", yTitle: "angle (rad)", seriesTitle: "reference", logX: true, logY: true,
    }),
  ];
  if (loaded.kind === "binary" && loaded.data.X.cols === 2) {
    const { dataFigure } = await import("../experiments/separable/pictures.ts");
    figures.push(dataFigure("data", "the data, the final w and the max-margin directions", loaded.data, [
      { name: `${opts.optimizer} (final w)`, w: run.final },
      ...refs.map((r) => ({ name: r.name, w: r.solution })),
    ]));
  }
  return { id: "train", params, checks: [], traces: [trace], figures, summary, seconds: run.seconds, seed: opts.seed };
}
