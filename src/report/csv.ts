// Traces as one long CSV: a "trace" column, then the union of all traces'
// columns (first-seen order); a cell is empty where a trace lacks the column.
// Numbers are written with String(x), the shortest text that reads back to the
// same float64 (and "-0" for −0), so the file round-trips exactly.
import type { Trace } from "../run/types.ts";

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Full-precision text of a float64: Number(numberText(x)) is x, including −0, NaN and ±Infinity. */
export function numberText(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

export function traceCsv(traces: readonly Trace[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const tr of traces) {
    for (const c of tr.columns) if (!seen.has(c)) { seen.add(c); columns.push(c); }
  }
  if (seen.has("trace")) throw new RangeError(`traceCsv: "trace" is reserved for the trace name and cannot be a column`);
  const lines = [["trace", ...columns].map(csvField).join(",")];
  for (const tr of traces) {
    if (new Set(tr.columns).size !== tr.columns.length) throw new RangeError(`traceCsv: trace ${tr.name} repeats a column name`);
    const pos = tr.columns.map((c) => columns.indexOf(c));
    const name = csvField(tr.name);
    const cells = new Array<string>(columns.length);
    for (let r = 0; r < tr.rows.length; r++) {
      const row = tr.rows[r];
      if (row.length !== tr.columns.length) {
        throw new RangeError(`traceCsv: trace ${tr.name} row ${r} has ${row.length} values for ${tr.columns.length} columns`);
      }
      cells.fill("");
      for (let k = 0; k < row.length; k++) cells[pos[k]] = numberText(row[k]);
      lines.push(`${name},${cells.join(",")}`);
    }
  }
  return lines.join("\n") + "\n";
}

/** Splits CSV text into records (RFC 4180 quoting). */
function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = "", record: string[] = [], i = 0, quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += ch; i++; continue;
    }
    if (ch === '"') { quoted = true; i++; continue; }
    if (ch === ",") { record.push(field); field = ""; i++; continue; }
    if (ch === "\n" || ch === "\r") {
      record.push(field); records.push(record); field = ""; record = [];
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += ch; i++;
  }
  if (field !== "" || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

/**
 * Reads traceCsv's output back. A trace's columns are those non-empty in its rows,
 * in header order (the order of the union, which may differ from the original's).
 */
export function parseTraceCsv(text: string): Trace[] {
  const records = parseRecords(text);
  if (records.length === 0) return [];
  const header = records[0];
  if (header[0] !== "trace") throw new RangeError(`parseTraceCsv: the first column must be "trace", got "${header[0]}"`);
  const groups = new Map<string, string[][]>();
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    if (rec.length === 1 && rec[0] === "") continue;
    if (rec.length !== header.length) throw new RangeError(`parseTraceCsv: line ${r + 1} has ${rec.length} fields, the header ${header.length}`);
    let g = groups.get(rec[0]);
    if (!g) { g = []; groups.set(rec[0], g); }
    g.push(rec);
  }
  const traces: Trace[] = [];
  for (const [name, recs] of groups) {
    const idx: number[] = [];
    for (let c = 1; c < header.length; c++) if (recs.some((rec) => rec[c] !== "")) idx.push(c);
    const rows = recs.map((rec, k) => idx.map((c) => {
      if (rec[c] === "") throw new RangeError(`parseTraceCsv: trace ${name} row ${k} has no value for ${header[c]}`);
      const x = Number(rec[c]);
      if (Number.isNaN(x) && rec[c] !== "NaN") throw new RangeError(`parseTraceCsv: "${rec[c]}" is not a number (trace ${name}, column ${header[c]})`);
      return x;
    }));
    traces.push({ name, columns: idx.map((c) => header[c]), rows });
  }
  return traces;
}
