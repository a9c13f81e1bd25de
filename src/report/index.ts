// Output layer (isomorphic part): figure specs, SVG rendering, CSV, the HTML report, progress text.
// Node-only parts (PNG, files, the terminal progress bar) are in ./node.ts.
export { lineChart, scatterChart, traceRows, type ChartOptions, type LineChartOptions, type ScatterChartOptions, type Datum, type ReferenceLine, type Segment } from "./figures.ts";
export { renderSvg, type RenderOptions } from "./render.ts";
export { traceCsv, parseTraceCsv, numberText } from "./csv.ts";
export { reportHtml, figureKey, inlineSvg, type ReportOptions } from "./html.ts";
export { escapeHtml, formatNumber, formatDuration } from "./format.ts";
export { formatProgress } from "./progress.ts";
