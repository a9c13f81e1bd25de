// What the page shows of a run: the setup (title, caption, kernels, reference numbers), the
// charts and the 2-D picture redrawn once per animation frame as checkpoints arrive, and the
// final table. Every number is shown rounded, with its full value in data-value (and a tooltip).
import { dataPicture, escapeXml, logLogChart, type Arrow } from "./plot.ts";
import type { DoneMessage, FrameMessage, FromWorker, SetupMessage } from "./protocol.ts";

export interface ViewElements {
  readonly title: HTMLElement;
  readonly caption: HTMLElement;
  readonly kernels: HTMLElement;
  readonly legend: HTMLElement;
  readonly references: HTMLElement;
  readonly picture: HTMLElement;
  readonly charts: HTMLElement;
  readonly results: HTMLElement;
  readonly status: HTMLElement;
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(3) : v.toPrecision(4);
}

/** <td> text with the full value kept for copying and for tests */
function cell(v: number, column: string): string {
  return `<td data-column="${escapeXml(column)}" data-value="${v}" title="${v}">${formatNumber(v)}</td>`;
}

export interface View {
  /** a new run of `steps` iterations has started */
  start(steps: number): void;
  show(message: FromWorker): void;
  /** the run ended by an error outside the demo (e.g. the worker did not load) */
  fail(message: string): void;
}

export function createView(el: ViewElements, requestFrame: (draw: () => void) => void): View {
  let setup: SetupMessage | undefined;
  let steps = 1;
  // (t, value) per method per chart id, and the latest direction per method
  let curves = new Map<string, Map<string, [number, number][]>>();
  let directions = new Map<string, readonly [number, number]>();
  let drawPending = false;

  const setStatus = (state: string, text: string) => {
    el.status.dataset.state = state;
    el.status.textContent = text;
  };

  const draw = () => {
    drawPending = false;
    if (!setup) return;
    const s = setup;
    el.charts.innerHTML = s.charts.map((c) => {
      const series = s.methods.map((m) => ({ name: m.name, color: m.color, points: curves.get(m.name)?.get(c.id) ?? [] }));
      return `<figure class="chart-box"><figcaption>${escapeXml(c.title)}</figcaption>${logLogChart(series, steps, c.y)}</figure>`;
    }).join("");
    if (s.picture) {
      const arrows: Arrow[] = s.methods.flatMap((m) => (directions.has(m.name) ? [{ name: m.name, color: m.color, direction: directions.get(m.name)! }] : []));
      el.picture.innerHTML = `<figure class="chart-box"><figcaption>the data; dashed: ${escapeXml(s.picture.predictedLabel)} and its boundary; arrows: w_t</figcaption>${dataPicture(s.picture.points, s.picture.labels, s.picture.predicted, arrows)}</figure>`;
    }
  };
  const scheduleDraw = () => {
    if (drawPending) return;
    drawPending = true;
    requestFrame(draw);
  };

  const onSetup = (m: SetupMessage) => {
    setup = m;
    el.title.textContent = m.title;
    el.caption.textContent = m.caption;
    el.kernels.textContent = `${m.kernels}; WebAssembly SIMD ${m.simdAvailable ? "is" : "is not"} available in this browser`;
    el.kernels.dataset.kernels = m.kernels.startsWith("WebAssembly SIMD") ? "simd" : "plain";
    el.kernels.dataset.simdAvailable = String(m.simdAvailable);
    el.references.innerHTML = `<table><tbody>${m.references.map((r) => `<tr><th>${escapeXml(r.label)}</th>${cell(r.value, r.label)}</tr>`).join("")}</tbody></table>`;
    el.picture.hidden = !m.picture;
    el.picture.replaceChildren();
    el.legend.innerHTML = m.methods.map((x) => `<span class="key"><i style="background:${x.color}"></i>${escapeXml(x.name)}</span>`).join("");
    scheduleDraw();
  };

  const onFrame = (m: FrameMessage) => {
    let byChart = curves.get(m.method);
    if (!byChart) curves.set(m.method, (byChart = new Map()));
    for (const [id, v] of Object.entries(m.values)) {
      let pts = byChart.get(id);
      if (!pts) byChart.set(id, (pts = []));
      pts.push([m.t, v]);
    }
    if (m.direction) directions.set(m.method, m.direction);
    setStatus("running", `running: ${m.method}, t = ${m.t}`);
    scheduleDraw();
  };

  const onDone = (m: DoneMessage) => {
    const colors = new Map(setup?.methods.map((x) => [x.name, x.color]));
    const head = `<tr><th>method</th>${m.columns.map((c) => `<th>${escapeXml(c)}</th>`).join("")}</tr>`;
    const body = m.rows.map((r) => `<tr data-method="${escapeXml(r.method)}"><th><i style="background:${colors.get(r.method) ?? "#999"}"></i>${escapeXml(r.method)}</th>${r.values.map((v, k) => cell(v, m.columns[k])).join("")}</tr>`).join("");
    el.results.innerHTML = `<table id="results-table"><thead>${head}</thead><tbody>${body}</tbody></table>`;
    setStatus(m.stopped ? "stopped" : "done", `${m.stopped ? "stopped" : "done"} in ${m.seconds.toFixed(2)} s`);
    scheduleDraw();
  };

  return {
    start(n) {
      steps = n;
      setup = undefined;
      curves = new Map();
      directions = new Map();
      el.charts.replaceChildren();
      el.legend.replaceChildren();
      el.results.replaceChildren();
      setStatus("running", "starting…");
    },
    show(message) {
      switch (message.type) {
        case "setup": return onSetup(message);
        case "frame": return onFrame(message);
        case "done": return onDone(message);
        case "error": return setStatus("error", `error: ${message.message}`);
      }
    },
    fail(text) {
      setStatus("error", `error: ${text}`);
    },
  };
}
