// Numeric CSV as the peers write it (numpy.savetxt: one row per line, comma-separated floats).

/** The rows of a numeric CSV text, all of the same length; throws RangeError naming the first bad line or field. */
export function parseNumericCsv(text: string, what: string): number[][] {
  const lines = text.split("\n");
  while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
  if (!lines.length) throw new RangeError(`${what}: no rows`);
  const rows: number[][] = [];
  let width = -1;
  for (let l = 0; l < lines.length; l++) {
    const fields = lines[l].split(",");
    if (width < 0) width = fields.length;
    if (fields.length !== width) throw new RangeError(`${what}: line ${l + 1} has ${fields.length} fields, line 1 has ${width}`);
    const row = new Array<number>(width);
    for (let k = 0; k < width; k++) {
      const f = fields[k].trim();
      const v = f === "" ? NaN : Number(f);
      if (!Number.isFinite(v)) throw new RangeError(`${what}: line ${l + 1}, field ${k + 1} is '${f}', not a finite number`);
      row[k] = v;
    }
    rows.push(row);
  }
  return rows;
}
