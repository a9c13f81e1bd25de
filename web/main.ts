// The playground page: the state comes from the URL, the controls edit it (and rewrite the URL),
// and the worker runs the demo while the view draws what it posts. Everything lives inside
// startPlayground: no module-level state.
import { renderControls } from "./controls.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";
import { parseState, serializeState, type State } from "./state.ts";
import { createView } from "./view.ts";

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el;
}

function startPlayground(): void {
  const parsed = parseState(location.search);
  let state: State = parsed.state;
  const problems = byId("problems");
  problems.textContent = parsed.problems.length ? `Ignored in the URL: ${parsed.problems.join("; ")}.` : "";
  problems.hidden = parsed.problems.length === 0;

  const view = createView({
    title: byId("title"), caption: byId("caption"), kernels: byId("kernels"), legend: byId("legend"), references: byId("references"),
    picture: byId("picture"), charts: byId("charts"), results: byId("results"), status: byId("status"),
  }, (draw) => requestAnimationFrame(draw));
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  let run = 0;
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    if (e.data.run === run) view.show(e.data);
  };
  worker.onerror = (e) => view.fail(e.message || "the worker failed to load");
  const post = (m: ToWorker) => worker.postMessage(m);

  const start = () => {
    run++;
    history.replaceState(null, "", `?${serializeState(state)}`);
    view.start(state.steps);
    post({ type: "run", run, state });
  };
  const form = byId("settings");
  const edit = (next: State) => {
    state = next;
    renderControls(form, state, edit);
    history.replaceState(null, "", `?${serializeState(state)}`);
  };
  renderControls(form, state, edit);
  byId("run").addEventListener("click", start);
  byId("stop").addEventListener("click", () => post({ type: "stop" }));
  start();
}

startPlayground();
