// `biaslab serve --port 0` in a child process: its URL (read from its first line) and a way to stop it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/biaslab.mjs", import.meta.url));

export interface Serving {
  readonly url: string;
  /** SIGTERM, then the exit code once it has exited */
  stop(): Promise<number | null>;
}

export function startServe(timeoutMs = 30_000): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let out = "", err = "";
  child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
  return new Promise<Serving>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`biaslab serve printed no URL within ${timeoutMs} ms; stdout: ${out}; stderr: ${err}`));
    }, timeoutMs);
    const early = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`biaslab serve exited with ${code} before printing a URL; stderr: ${err}`));
    };
    child.once("exit", early);
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      out += s;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.off("exit", early);
      resolve({
        url: m[0],
        stop: () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    });
  });
}
