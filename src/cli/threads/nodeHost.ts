// The two-thread team's helper in Node: a worker_threads Worker that evaluates the runner's source
// (no TypeScript loader needed) on the team's data; unref'd, so it never keeps Node alive. Its error,
// if it throws, goes to stderr.
import { Worker } from "node:worker_threads";
import { runnerSource, type TeamHost } from "../../bench/threads/team.ts";

export const nodeTeamHost: TeamHost = {
  start(data) {
    const worker = new Worker(`${runnerSource()}\nrunTeamThread(require("node:worker_threads").workerData);`, { eval: true, workerData: data });
    worker.unref();
    worker.on("error", (e) => console.error(e)); // the runner has raised FAILED: the calling thread throws
    return { terminate: () => void worker.terminate() };
  },
};
