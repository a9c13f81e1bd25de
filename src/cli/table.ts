// Plain-text tables for the terminal: columns padded to their widest cell.

/** Formats rows (first row = header) as aligned columns separated by two spaces. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "";
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, width(c))));
  const line = (r: readonly string[]) =>
    r
      .map((c, j) => (j === r.length - 1 ? c : c + " ".repeat(widths[j] - width(c))))
      .join("  ")
      .trimEnd();
  const [head, ...body] = rows;
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(head), rule, ...body.map(line)].join("\n") + "\n";
}

/** Display width: code points (the tables hold ASCII and a few math symbols). */
function width(s: string): number {
  return Array.from(s).length;
}

/** A number for humans: 4 significant digits, exponent form when very small or large. */
export function fmt(x: number | undefined): string {
  if (x === undefined) return "";
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e5) return String(Number(x.toPrecision(4)));
  return x.toExponential(2);
}
