// The claims side of the library (the experiment registry, the experiment runner and
// the run-folder writer) behind one interface, so that main() can be tested with fake
// claims (fast ones, failing ones, crashing ones). loadLab() imports the real layers
// lazily: `biaslab solve`/`train`/`--help` never load the experiments.
import type { DatasetLoader } from "../data/index.ts";
import type { Experiment } from "../experiments/index.ts";
import type { Result } from "../run/index.ts";
import type { ProgressBar, ProgressStream } from "../report/node.ts";

export interface RunExperimentOptions {
  readonly quick?: boolean;
  readonly seed?: number;
  readonly overrides?: Record<string, unknown>;
  readonly onProgress?: (fraction: number, label?: string) => void;
  /** where claims on real data read their files (default: from disk, see src/cli/datasets.ts) */
  readonly datasets?: DatasetLoader;
}


export interface Lab {
  readonly experiments: readonly Experiment[];
  runExperiment(exp: Experiment, options: RunExperimentOptions): Promise<Result>;
  /** writes result.json, trace.csv, figures/*.svg and report.html for the results into dir */
  writeRunDir(dir: string, results: readonly Result[]): Promise<unknown>;
  /** a progress bar with ETA on a terminal stream */
  progressBar(stream: ProgressStream): ProgressBar;
}

/** The real layers; `cwd` is where relative data folders (--set dataDir=DIR) are resolved from. */
export async function loadLab(options: { readonly cwd?: string } = {}): Promise<Lab> {
  const [{ experiments }, { runExperiment }, { writeRunDir, progressBar }, { nodeDatasetLoader }] = await Promise.all([
    import("../experiments/index.ts"),
    import("../run/index.ts"),
    import("../report/node.ts"),
    import("./datasets.ts"),
  ]);
  const datasets = nodeDatasetLoader(options.cwd !== undefined ? { cwd: options.cwd } : {});
  return {
    experiments,
    runExperiment: (exp, options) => runExperiment(exp, { ...options, datasets: options.datasets ?? datasets }),
    writeRunDir: (dir, results) => writeRunDir(dir, results),
    progressBar,
  };
}
