// The two-thread team's helper in a browser: one Web Worker made from the runner's source (a Blob URL),
// started once and reused by every team. It must be running before a team starts, because the
// calling worker then blocks (Atomics.wait) until the helper reports it is set up. Needs a
// cross-origin-isolated page (SharedArrayBuffer, shared WebAssembly memory): `biaslab serve` sends
// the COOP/COEP headers for that.
import { runnerSource, sharedModules, type TeamHost } from "../src/bench/threads/team.ts";

interface Isolation {
  readonly crossOriginIsolated?: boolean;
}

/** A host whose helper is up, or null where two threads cannot run here (not isolated, or no shared WebAssembly memory). */
export async function browserTeamHost(): Promise<TeamHost | null> {
  if (!(globalThis as Isolation).crossOriginIsolated || sharedModules() === null) return null;
  const source = `${runnerSource()}\nself.onmessage = (e) => runTeamThread(e.data);\nself.postMessage("up");`;
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const helper = new Worker(url);
  const up = await new Promise<boolean>((resolve) => {
    helper.onmessage = () => resolve(true);
    helper.onerror = () => resolve(false);
  });
  URL.revokeObjectURL(url);
  if (!up) {
    helper.terminate();
    return null;
  }
  helper.onerror = (e) => console.error("two threads: the helper thread failed:", e.message);
  return {
    start(data) {
      helper.postMessage(data);
      // the helper stays for the next team; a team that failed to start leaves it to finish on its own
      return { terminate: () => undefined };
    },
  };
}
