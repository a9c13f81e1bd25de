// The Web Worker that runs a demo's optimizers with the library, so the page stays responsive.
// One run at a time: a new "run" or a "stop" aborts the one under way (the run loop yields to
// the event loop every ~50 ms, which is when the message lands); every message carries its run's id.
import { Rng } from "../src/random/index.ts";
import { demos } from "./demos/index.ts";
import type { FromWorker, ToWorker } from "./protocol.ts";

/** The part of the worker's global scope used here. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}
const scope = self as unknown as WorkerScope;

let current: { readonly controller: AbortController; readonly finished: Promise<void> } | undefined;

async function run(id: number, message: Extract<ToWorker, { type: "run" }>, signal: AbortSignal, previous?: Promise<void>): Promise<void> {
  await previous;
  if (signal.aborted) return;
  try {
    const { state } = message;
    const done = await demos[state.demo](state, new Rng(state.seed), (m) => scope.postMessage({ ...m, run: id }), signal);
    scope.postMessage({ ...done, run: id });
  } catch (e) {
    scope.postMessage({ type: "error", run: id, message: e instanceof Error ? e.message : String(e) });
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  current?.controller.abort();
  if (message.type === "stop") return;
  const controller = new AbortController();
  current = { controller, finished: run(message.run, message, controller.signal, current?.finished) };
};
