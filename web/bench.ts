// The bench page: the optimizer loops of BENCHMARKS.md timed in this browser, in a Web Worker
// (benchWorker.ts), one request at a time. `biaslab bench --browser` drives it through
// window.biaslabBench; a visitor presses Run and reads the table.
import type { BenchReply, BenchRequest } from "./benchProtocol.ts";

declare global {
  interface Window {
    /** runs one request in the worker; requests queue behind each other */
    biaslabBench(request: BenchRequest): Promise<BenchReply>;
  }
}

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el;
}

function startBench(): void {
  const worker = new Worker(new URL("./benchWorker.js", import.meta.url), { type: "module" });
  const waiting: ((reply: BenchReply) => void)[] = [];
  worker.onmessage = (e: MessageEvent<BenchReply>) => waiting.shift()?.(e.data);
  worker.onerror = (e) => {
    for (const resolve of waiting.splice(0)) resolve({ ok: false, message: e.message || "the bench worker failed to load" });
  };
  let queue: Promise<unknown> = Promise.resolve();
  window.biaslabBench = (request) => {
    const reply = queue.then(() => new Promise<BenchReply>((resolve) => {
      waiting.push(resolve);
      worker.postMessage(request);
    }));
    queue = reply;
    return reply;
  };

  /** the loops' names, from the worker's registry (the page itself carries no library code) */
  const loopNames = async () => {
    const reply = await window.biaslabBench({ kind: "names" });
    if (!reply.ok || reply.kind !== "names") throw new Error(reply.ok ? "the bench worker sent no names" : reply.message);
    return reply.loops;
  };
  const status = byId("status"), body = byId("rows"), button = byId("run") as HTMLButtonElement;
  const setStatus = (state: string, text: string) => {
    status.dataset.state = state;
    status.textContent = text;
  };
  setStatus("idle", crossOriginIsolated ? "ready" : "ready (one thread: this page is not cross-origin isolated)");
  button.addEventListener("click", async () => {
    button.disabled = true;
    body.replaceChildren();
    const scale = Number((byId("scale") as HTMLSelectElement).value);
    const simd = (byId("simd") as HTMLInputElement).checked;
    const threads = (byId("threads") as HTMLSelectElement).value === "2" ? 2 : 1;
    try {
      for (const workload of await loopNames()) {
        setStatus("running", `running ${workload}…`);
        const reply = await window.biaslabBench({ kind: "loop", workload, scale, simd, threads });
        if (!reply.ok) throw new Error(reply.message);
        if (reply.kind !== "loop") continue;
        const r = reply.result;
        const tr = document.createElement("tr");
        for (const cell of [r.workload, String(r.iters), r.seconds.toFixed(4), String(Math.round(r.iters_per_s)), String(r.check), r.kernels, String(reply.threads)]) {
          const td = document.createElement("td");
          td.textContent = cell;
          tr.append(td);
        }
        body.append(tr);
      }
      setStatus("done", "done");
    } catch (e) {
      setStatus("error", e instanceof Error ? e.message : String(e));
    } finally {
      button.disabled = false;
    }
  });
}

startBench();
