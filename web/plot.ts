// SVG pictures as strings (no DOM here): metrics against t on log–log axes, and the 2-D data
// with the predicted direction and the iterates' directions.

export interface Series {
  readonly name: string;
  readonly color: string;
  /** (t, value) pairs; values that are not positive and finite are left out on a log axis */
  readonly points: readonly (readonly [number, number])[];
}

const W = 460, H = 260, LEFT = 58, RIGHT = 12, TOP = 12, BOTTOM = 38;

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** "10⁻³"-style label of 10^e */
function power(e: number): string {
  const sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  const digits = String(Math.abs(e)).split("").map((c) => sup[Number(c)]).join("");
  return e === 0 ? "1" : e === 1 ? "10" : `10${e < 0 ? "⁻" : ""}${digits}`;
}

/** whole decades [lo, hi] (exponents) covering the positive finite values, or undefined if there are none */
function decades(values: Iterable<number>): [number, number] | undefined {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo > hi) return undefined;
  const a = Math.floor(Math.log10(lo)), b = Math.ceil(Math.log10(hi));
  return [a, b > a ? b : a + 1];
}

/** The chart of every series against t ∈ [1, tMax], both axes logarithmic. */
export function logLogChart(series: readonly Series[], tMax: number, yLabel: string): string {
  const xr: [number, number] = [0, Math.max(1, Math.ceil(Math.log10(Math.max(tMax, 10))))];
  const yr = decades(series.flatMap((s) => s.points.map((p) => p[1]))) ?? [-1, 0];
  const x = (t: number) => LEFT + ((Math.log10(t) - xr[0]) / (xr[1] - xr[0])) * (W - LEFT - RIGHT);
  const y = (v: number) => TOP + (1 - (Math.log10(v) - yr[0]) / (yr[1] - yr[0])) * (H - TOP - BOTTOM);
  const out: string[] = [`<svg viewBox="0 0 ${W} ${H}" class="chart" role="img" aria-label="${escapeXml(yLabel)} against t">`];
  const yStep = Math.ceil((yr[1] - yr[0]) / 6), xStep = Math.ceil((xr[1] - xr[0]) / 8);
  for (let e = yr[0]; e <= yr[1]; e++) {
    if ((e - yr[0]) % yStep !== 0) continue;
    const py = y(10 ** e);
    out.push(`<line class="grid" x1="${LEFT}" x2="${W - RIGHT}" y1="${py}" y2="${py}"/>`);
    out.push(`<text class="tick" x="${LEFT - 6}" y="${py + 4}" text-anchor="end">${power(e)}</text>`);
  }
  for (let e = xr[0]; e <= xr[1]; e++) {
    if ((e - xr[0]) % xStep !== 0) continue;
    const px = x(10 ** e);
    out.push(`<line class="grid" x1="${px}" x2="${px}" y1="${TOP}" y2="${H - BOTTOM}"/>`);
    out.push(`<text class="tick" x="${px}" y="${H - BOTTOM + 16}" text-anchor="middle">${power(e)}</text>`);
  }
  out.push(`<text class="axis" x="${(LEFT + W - RIGHT) / 2}" y="${H - 4}" text-anchor="middle">iteration t</text>`);
  out.push(`<text class="axis" transform="translate(12 ${(TOP + H - BOTTOM) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`);
  for (const s of series) {
    const pts = s.points.filter(([t, v]) => t >= 1 && v > 0 && Number.isFinite(v)).map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`);
    if (pts.length > 0) out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.join(" ")}"><title>${escapeXml(s.name)}</title></polyline>`);
  }
  out.push("</svg>");
  return out.join("");
}

export interface Arrow {
  readonly name: string;
  readonly color: string;
  readonly direction: readonly [number, number];
}

/**
 * The data (± by color), the predicted direction ŵ with its decision boundary (dashed), and an
 * arrow along each method's current direction.
 */
export function dataPicture(points: readonly number[], labels: readonly number[], predicted: readonly [number, number], arrows: readonly Arrow[]): string {
  const S = 320, C = S / 2;
  let L = 0;
  for (const v of points) L = Math.max(L, Math.abs(v));
  L = 1.05 * (L || 1);
  const px = (u: number) => C + (u / L) * C, py = (v: number) => C - (v / L) * C;
  const out: string[] = [`<svg viewBox="0 0 ${S} ${S}" class="picture" role="img" aria-label="the data and the directions">`];
  out.push(`<rect class="frame" x="0" y="0" width="${S}" height="${S}"/>`);
  for (let i = 0; i < labels.length; i++) {
    out.push(`<circle class="${labels[i] > 0 ? "pos" : "neg"}" cx="${px(points[2 * i]).toFixed(1)}" cy="${py(points[2 * i + 1]).toFixed(1)}" r="3"/>`);
  }
  const unit = (d: readonly [number, number]): [number, number] => {
    const n = Math.hypot(d[0], d[1]);
    return n > 0 ? [d[0] / n, d[1] / n] : [0, 0];
  };
  const [a, b] = unit(predicted);
  const R = 2 * L; // the boundary ⟨ŵ, x⟩ = 0 across the whole frame
  out.push(`<line class="boundary" x1="${px(-b * R)}" y1="${py(a * R)}" x2="${px(b * R)}" y2="${py(-a * R)}"/>`);
  const arrow = (d: readonly [number, number], color: string, name: string, dashed: boolean) => {
    const [u, v] = unit(d);
    out.push(`<line x1="${C}" y1="${C}" x2="${px(0.8 * L * u).toFixed(1)}" y2="${py(0.8 * L * v).toFixed(1)}" stroke="${color}" stroke-width="3"${dashed ? ' stroke-dasharray="6 4"' : ""} marker-end="url(#head)"><title>${escapeXml(name)}</title></line>`);
  };
  out.push('<defs><marker id="head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>');
  arrow(predicted, "#333", "ŵ (SVM)", true);
  for (const a of arrows) arrow(a.direction, a.color, a.name, false);
  out.push("</svg>");
  return out.join("");
}
