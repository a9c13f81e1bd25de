// A matrix for the terminal: small ones in full, then the spectrum, rank and norms (solve and train).
import { Matrix, eigvalsSym, frobenius, singularValues } from "../linalg/index.ts";
import { effectiveRank, numericalRank } from "../metrics/index.ts";
import { fmt } from "./table.ts";

/**
 * singular values below this fraction of σ₁ do not count towards the rank: interior-point solutions of
 * degenerate SDPs carry spurious eigenvalues of order √tol (~3e-5 at tol = 1e-9)
 */
export const RANK_RTOL = 1e-4;
/** printed entries below this fraction of the largest are shown as 0 (--json has them all) */
const SHOW_RTOL = 1e-12;
/** matrices with more rows or columns than this are printed as a summary (the entries are in --json) */
const PRINT_LIMIT = 16;

/** The matrix (small ones in full), its spectrum, rank and norms. */
export function matrixText(W: Matrix, symmetric: boolean): string {
  const lines: string[] = [];
  if (W.rows <= PRINT_LIMIT && W.cols <= PRINT_LIMIT) {
    let top = 0;
    for (const v of W.data) top = Math.max(top, Math.abs(v));
    lines.push(`W (${W.rows}×${W.cols}; entries below ${SHOW_RTOL}·max|Wᵢⱼ| shown as 0) =`);
    const cells = W.toArrays().map((r) => r.map((v) => fmt(Math.abs(v) <= SHOW_RTOL * top ? 0 : v)));
    const width = Math.max(...cells.flat().map((c) => c.length));
    for (const r of cells) lines.push(`  ${r.map((c) => c.padStart(width)).join("  ")}`);
  } else {
    lines.push(`W is ${W.rows}×${W.cols} (its entries are in --json)`);
  }
  const sigma = singularValues(W);
  const spectrum = symmetric ? Array.from(eigvalsSym(W)).reverse() : Array.from(sigma);
  const list = (v: number[]) => v.slice(0, 12).map(fmt).join(", ") + (v.length > 12 ? `, … (${v.length} in all)` : "");
  let nuclear = 0;
  for (const s of sigma) nuclear += s;
  const rows = [
    [symmetric ? "eigenvalues" : "singular values", list(spectrum)],
    ["rank", `${numericalRank(sigma, RANK_RTOL)} (singular values above ${RANK_RTOL}·σ₁)`],
    ["effective rank", fmt(effectiveRank(sigma))],
    ["nuclear norm", fmt(nuclear)],
    ["Frobenius norm", fmt(frobenius(W))],
    ["spectral norm", fmt(sigma[0] ?? 0)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  return `${lines.join("\n")}\n\n${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join("\n")}\n`;
}
