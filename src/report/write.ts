// Writes a run folder atomically (Node only): everything goes into a temporary
// sibling folder which is then renamed into place, so a reader never sees half
// a run. A folder is replaced only if it is empty or carries the .biaslab-out
// marker of an earlier run; anything else is the user's and is left untouched.
import { lstat, mkdir, mkdtemp, readdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from "node:path";
import type { Result } from "../run/types.ts";
import { traceCsv } from "./csv.ts";
import { figureKey, reportHtml, type ReportOptions } from "./html.ts";
import { svgToPng } from "./png.ts";
import { renderSvg } from "./render.ts";

export const OUTPUT_MARKER = ".biaslab-out";

/** The output folder cannot be used; a RangeError so front ends report it as bad input. */
export class OutputDirError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "OutputDirError";
  }
}

export interface WriteRunOptions {
  readonly report?: ReportOptions;
  /** also write figures/….png (default false) */
  readonly png?: boolean;
  /** SVGs already rendered, by figureKey(id, name); the others are rendered here */
  readonly svgs?: Readonly<Record<string, string>>;
  /** further text files, by path relative to the folder (e.g. { "command.txt": "biaslab run …" }) */
  readonly files?: Readonly<Record<string, string>>;
}

export interface WrittenRun {
  readonly dir: string;
  /** paths relative to dir, in the order written */
  readonly files: readonly string[];
}

type Target = "absent" | "empty" | "previous-output";

async function inspect(dir: string): Promise<Target> {
  let st;
  try {
    st = await lstat(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "absent";
    throw e;
  }
  if (!st.isDirectory()) throw new OutputDirError(`output folder ${dir} exists and is not a directory; choose another folder`);
  const entries = await readdir(dir);
  if (entries.length === 0) return "empty";
  if (entries.includes(OUTPUT_MARKER)) return "previous-output";
  throw new OutputDirError(
    `output folder ${dir} is not empty and is not a biaslab output (no ${OUTPUT_MARKER} marker); ` +
      `refusing to replace it: choose a new or empty folder`,
  );
}

/** A file-system-safe name: letters, digits, '.', '_' and '-'; never hidden, never empty. */
export function safeFileName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[.]+/, "_");
  return s === "" ? "_" : s;
}

/** JSON with NaN and ±Infinity kept as the strings "NaN", "Infinity", "-Infinity" (JSON would write null). */
export function resultJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v), 2) + "\n";
}

function relativeFile(path: string): string {
  const n = normalize(path);
  if (isAbsolute(n) || n === ".." || n.startsWith(`..${sep}`) || n === OUTPUT_MARKER) {
    throw new OutputDirError(`cannot write ${path}: extra files must stay inside the output folder`);
  }
  return n;
}

/**
 * Writes result.json (one result, alone or in an array of one) or results.json,
 * trace.csv, figures/<name>.svg (figures/<id>/<name>.svg and trace names
 * "<id>/<name>" for several results), report.html and the marker.
 */
export async function writeRunDir(dir: string, results: Result | readonly Result[], opts: WriteRunOptions = {}): Promise<WrittenRun> {
  const target = resolve(dir);
  const list: readonly Result[] = Array.isArray(results) ? results : [results as Result];
  const single = list.length === 1;
  const ids = new Set<string>();
  for (const r of list) {
    if (ids.has(r.id)) throw new OutputDirError(`two results have the id ${r.id}; a run folder holds one result per claim`);
    ids.add(r.id);
  }
  await inspect(target); // refuse early, before any work

  // everything that can fail without touching the disk comes first
  const svgs: Record<string, string> = { ...(opts.svgs ?? {}) };
  const figureFiles: { rel: string; key: string }[] = [];
  for (const r of list) {
    const names = new Set<string>();
    for (const f of r.figures) {
      const file = safeFileName(f.name);
      if (names.has(file)) throw new OutputDirError(`result ${r.id} has two figures named ${f.name} (file ${file}.svg)`);
      names.add(file);
      const key = figureKey(r.id, f.name);
      if (svgs[key] === undefined) svgs[key] = await renderSvg(f);
      figureFiles.push({ rel: single ? join("figures", file) : join("figures", safeFileName(r.id), file), key });
    }
  }
  const csv = traceCsv(list.flatMap((r) => (single ? r.traces : r.traces.map((t) => ({ ...t, name: `${r.id}/${t.name}` })))));
  const html = reportHtml(list, svgs, opts.report);
  const extra = Object.entries(opts.files ?? {}).map(([p, text]) => [relativeFile(p), text] as const);

  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(join(parent, `.${basename(target)}.tmp-`));
  const written: string[] = [];
  const put = async (rel: string, data: string | Buffer): Promise<void> => {
    await mkdir(dirname(join(tmp, rel)), { recursive: true });
    await writeFile(join(tmp, rel), data);
    written.push(rel);
  };
  try {
    await put(OUTPUT_MARKER, resultJson({ tool: "biaslab", written: new Date().toISOString(), results: list.map((r) => r.id) }));
    await put(single ? "result.json" : "results.json", resultJson(single ? list[0] : list));
    await put("trace.csv", csv);
    for (const f of figureFiles) {
      await put(`${f.rel}.svg`, svgs[f.key]);
      if (opts.png) await put(`${f.rel}.png`, svgToPng(svgs[f.key]));
    }
    for (const [rel, text] of extra) await put(rel, text);
    await put("report.html", html);
    await swapInto(tmp, target);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  return { dir: target, files: written };
}

/** Renames tmp to target, replacing an empty folder or an earlier biaslab output. */
async function swapInto(tmp: string, target: string): Promise<void> {
  const state = await inspect(target); // again: the folder may have changed while we wrote
  if (state === "absent") {
    await rename(tmp, target);
    return;
  }
  if (state === "empty") {
    await rmdir(target);
    await rename(tmp, target);
    return;
  }
  const old = await mkdtemp(join(dirname(target), `.${basename(target)}.old-`));
  await rmdir(old);
  await rename(target, old);
  try {
    await rename(tmp, target);
  } catch (e) {
    await rename(old, target);
    throw e;
  }
  await rm(old, { recursive: true, force: true });
}
