// The Node side of RunContext.datasets: a data set's files read from disk. The folder is the one
// the claim was given (--set dataDir=DIR), else the spec's environment variable (e.g.
// FASHION_MNIST_DIR), else where the Debian package installs it; a relative folder is taken
// from the working directory. Each file is read as named (name.gz) or uncompressed (name).
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { DataError, MissingDataError, missingDataMessage, type DatasetFiles, type DatasetLoader, type DatasetSpec } from "../data/index.ts";

export interface NodeDatasetOptions {
  /** default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** default process.cwd() */
  readonly cwd?: string;
}

/** The folder a spec's files are read from. */
export function datasetFolder(spec: DatasetSpec, folder: string | undefined, opts: NodeDatasetOptions = {}): string {
  const env = opts.env ?? process.env;
  const given = folder ?? env[spec.envVar];
  return given !== undefined && given !== "" ? resolve(opts.cwd ?? process.cwd(), given) : spec.folder;
}

async function readOne(dir: string, name: string): Promise<Uint8Array | undefined> {
  const names = name.endsWith(".gz") ? [name, name.slice(0, -3)] : [name, `${name}.gz`];
  for (const n of names) {
    const path = resolve(dir, n);
    try {
      return new Uint8Array(await readFile(path));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") continue;
      throw new DataError(`cannot read ${path}: ${code === "EACCES" ? "permission denied" : (code ?? String(e))}`);
    }
  }
  return undefined;
}

/** A DatasetLoader on the file system; a missing folder or file is a MissingDataError with the install command. */
export function nodeDatasetLoader(opts: NodeDatasetOptions = {}): DatasetLoader {
  return async (spec: DatasetSpec, folder?: string): Promise<DatasetFiles> => {
    const dir = datasetFolder(spec, folder, opts);
    const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
    if (!isDir) throw new MissingDataError(missingDataMessage(spec, `there is no folder ${dir}`), spec.id);
    const files: Record<string, Uint8Array> = {};
    const missing: string[] = [];
    for (const name of spec.files) {
      const bytes = await readOne(dir, name);
      if (bytes === undefined) missing.push(name);
      else files[name] = bytes;
    }
    if (missing.length > 0) throw new MissingDataError(missingDataMessage(spec, `${dir} lacks ${missing.join(", ")}`), spec.id);
    return files;
  };
}
