// The report: one self-contained HTML page (inline CSS, inline SVG, no scripts)
// that opens from file://. Per claim: id, statement, verdict, the checks table,
// summary numbers, parameters and figures. All text is escaped.
import { allPass } from "../metrics/index.ts";
import type { Check, Result } from "../run/types.ts";
import { numberText } from "./csv.ts";
import { escapeHtml, formatDuration, formatNumber } from "./format.ts";

export interface ReportOptions {
  /** page title (default "biaslab report") */
  readonly title?: string;
  /** the claim statement of an id, where the results do not carry one */
  readonly claims?: Readonly<Record<string, string>> | ((id: string) => string | undefined);
  /** a line under the title, e.g. the command that produced the run */
  readonly subtitle?: string;
}

/** Key of a figure's SVG in the `svgs` record: "<result id>/<figure name>". */
export function figureKey(resultId: string, figureName: string): string {
  return `${resultId}/${figureName}`;
}

const CSS = `
body{font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1d1d1f;max-width:1100px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:0 0 .3em}h3{font-size:1em;margin:1.2em 0 .4em;color:#444}
.sub{color:#666;margin:0 0 1em}
section.claim{border:1px solid #ddd;border-radius:8px;padding:1em 1.2em;margin:1.5em 0}
.statement{margin:.2em 0 .8em}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.95em}
table{border-collapse:collapse;margin:.3em 0}
th,td{border-bottom:1px solid #e6e6e6;padding:.3em .7em;text-align:left;vertical-align:top}
th{background:#f6f6f6;font-weight:600}
td.num{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:nowrap}
.badge{display:inline-block;padding:.1em .55em;border-radius:4px;font-size:.8em;font-weight:700;letter-spacing:.03em;vertical-align:middle}
.pass{background:#dff3e4;color:#146c2e}.fail{background:#fde2e1;color:#a4161a}.none{background:#eee;color:#555}
.small{color:#666;font-size:.85em}
figure{margin:1em 0}figcaption{color:#555;font-size:.9em}
figure svg{max-width:100%;height:auto}
.params td{padding:.15em .6em}
`;

function statementOf(r: Result, claims: ReportOptions["claims"]): string | undefined {
  if (r.claim) return r.claim;
  if (typeof claims === "function") return claims(r.id);
  return claims?.[r.id];
}

function badge(c: boolean | undefined | "skipped"): string {
  if (c === "skipped") return `<span class="badge none">SKIPPED</span>`;
  if (c === undefined) return `<span class="badge none">NO CHECKS</span>`;
  return c ? `<span class="badge pass">PASS</span>` : `<span class="badge fail">FAIL</span>`;
}

/** true / false: passes / fails; undefined: no checks; "skipped": its data set is not installed */
function verdict(r: Result): boolean | undefined | "skipped" {
  if (r.skipped !== undefined) return "skipped";
  return r.checks.length === 0 ? undefined : allPass(r.checks);
}

function num(x: number): string {
  return `<td class="num" title="${escapeHtml(numberText(x))}">${escapeHtml(formatNumber(x))}</td>`;
}

function anchor(id: string): string {
  return `claim-${id.replace(/[^A-Za-z0-9_-]/g, "_")}`;
}

function checkRow(c: Check): string {
  const cmp = c.comparator === "<=" ? "≤" : "≥";
  const name = `<td>${escapeHtml(c.name)}${c.predicted ? `<div class="small">predicted: ${escapeHtml(c.predicted)}</div>` : ""}${c.note ? `<div class="small">${escapeHtml(c.note)}</div>` : ""}</td>`;
  const threshold = `<td class="num" title="${escapeHtml(numberText(c.threshold))}">${cmp} ${escapeHtml(formatNumber(c.threshold))}</td>`;
  const competitor = c.competitor
    ? `<td>${escapeHtml(c.competitor.name)}: <span class="num" title="${escapeHtml(numberText(c.competitor.measured))}">${escapeHtml(formatNumber(c.competitor.measured))}</span>${c.margin !== undefined ? `<div class="small">must be ≥ ${escapeHtml(formatNumber(c.margin))}× measured</div>` : ""}</td>`
    : `<td></td>`;
  return `<tr>${name}${num(c.measured)}${threshold}${competitor}<td>${badge(c.pass)}</td></tr>`;
}

function valueText(v: unknown): string {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "string") return v;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "number" && !Number.isFinite(x) ? String(x) : x)) ?? String(v);
}

function keyValueTable(rec: Readonly<Record<string, unknown>>, cls: string): string {
  const keys = Object.keys(rec);
  if (keys.length === 0) return `<p class="small">(none)</p>`;
  const rows = keys.map((k) => {
    const v = rec[k];
    const title = typeof v === "number" ? ` title="${escapeHtml(numberText(v))}"` : "";
    return `<tr><th>${escapeHtml(k)}</th><td class="num"${title}>${escapeHtml(valueText(v))}</td></tr>`;
  });
  return `<table class="${cls}">${rows.join("")}</table>`;
}

/**
 * Makes an SVG safe and self-consistent to inline: no scripts or event handlers,
 * and ids (clip paths, gradients) prefixed so that several figures on one page
 * do not capture each other's references.
 */
export function inlineSvg(svg: string, prefix: string): string {
  const start = svg.indexOf("<svg");
  if (start < 0) return `<p class="small">(figure unavailable: not an SVG)</p>`;
  let s = svg.slice(start);
  s = s.replace(/<script[\s\S]*?<\/script\s*>/gi, "").replace(/<script[^>]*\/>/gi, "");
  s = s.replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, "");
  s = s.replace(/(href\s*=\s*["'])\s*javascript:[^"']*/gi, "$1#");
  s = s.replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`);
  s = s.replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`);
  s = s.replace(/(xlink:href|href)="#([^"]+)"/g, `$1="#${prefix}-$2"`);
  return s;
}

function figureHtml(r: Result, svgs: Readonly<Record<string, string>>, index: number): string {
  return r.figures.map((f, k) => {
    const svg = svgs[figureKey(r.id, f.name)];
    const desc = typeof f.spec.description === "string" ? ` <span class="small">(${escapeHtml(f.spec.description)})</span>` : "";
    const body = svg !== undefined ? inlineSvg(svg, `r${index}f${k}`) : `<p class="small">(figure ${escapeHtml(f.name)} was not rendered)</p>`;
    return `<figure>${body}<figcaption>${escapeHtml(f.title)}${desc}</figcaption></figure>`;
  }).join("\n");
}

function claimSection(r: Result, svgs: Readonly<Record<string, string>>, opts: ReportOptions, index: number): string {
  const statement = statementOf(r, opts.claims);
  const meta = [
    r.seed !== undefined ? `seed ${r.seed}` : "",
    r.quick ? "quick mode" : r.quick === false ? "full size" : "",
    r.seconds !== undefined ? formatDuration(r.seconds * 1000) : "",
  ].filter(Boolean).join(" · ");
  const checks = r.skipped !== undefined
    ? `<p>Skipped: ${escapeHtml(r.skipped)}</p>`
    : r.checks.length === 0
    ? `<p class="small">This claim has no checks (an exploratory report).</p>`
    : `<table class="checks"><thead><tr><th>check</th><th>measured</th><th>threshold</th><th>competitor</th><th>verdict</th></tr></thead><tbody>${r.checks.map(checkRow).join("")}</tbody></table>`;
  return `<section class="claim" id="${anchor(r.id)}">
<h2><code>${escapeHtml(r.id)}</code> ${badge(verdict(r))}</h2>
${statement ? `<p class="statement">${escapeHtml(statement)}</p>` : ""}
${meta ? `<p class="small">${escapeHtml(meta)}</p>` : ""}
<h3>Checks</h3>
${checks}
<h3>Summary</h3>
${keyValueTable(r.summary, "summary")}
${r.figures.length ? `<h3>Figures</h3>\n${figureHtml(r, svgs, index)}` : ""}
<details><summary class="small">parameters</summary>${keyValueTable(r.params, "params")}</details>
</section>`;
}

export function reportHtml(results: readonly Result[], svgs: Readonly<Record<string, string>> = {}, opts: ReportOptions = {}): string {
  const title = opts.title ?? "biaslab report";
  const passing = results.filter((r) => verdict(r) === true).length;
  const failing = results.filter((r) => verdict(r) === false).length;
  const skipped = results.filter((r) => verdict(r) === "skipped").length;
  const none = results.length - passing - failing - skipped;
  const overview = results.map((r) => {
    const ok = r.checks.filter((c) => c.pass).length;
    return `<tr><td><a href="#${anchor(r.id)}"><code>${escapeHtml(r.id)}</code></a></td><td>${badge(verdict(r))}</td><td class="num">${ok}/${r.checks.length}</td><td class="num">${r.seconds !== undefined ? escapeHtml(formatDuration(r.seconds * 1000)) : ""}</td></tr>`;
  }).join("");
  const counts = `${passing} of ${results.length} claim${results.length === 1 ? "" : "s"} pass` + (failing ? `, ${failing} fail` : "") + (skipped ? `, ${skipped} skipped (data not installed)` : "") + (none ? `, ${none} without checks` : "");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${opts.subtitle ? `<p class="sub">${escapeHtml(opts.subtitle)}</p>` : ""}
<p>${escapeHtml(counts)}.</p>
<table class="overview"><thead><tr><th>claim</th><th>verdict</th><th>checks passed</th><th>time</th></tr></thead><tbody>${overview}</tbody></table>
${results.map((r, i) => claimSection(r, svgs, opts, i)).join("\n")}
</body>
</html>
`;
}
