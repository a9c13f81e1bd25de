// The playground's web server (node:http): the pages (the playground, the bench page) and the stylesheet from web/, the bundles
// built at start (bundle.ts), and HiGHS's WebAssembly binary, which the worker's LP solver loads
// from beside the worker script. Everything is read once and served from memory; nothing else.
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { UsageError } from "../errors.ts";
import { WEB_DIR, bundlePlayground } from "./bundle.ts";

export interface PlaygroundServer {
  readonly url: string;
  readonly port: number;
  /** seconds the bundle took to build */
  readonly bundleSeconds: number;
  close(): Promise<void>;
}

export interface PlaygroundOptions {
  /** 0 picks a free port */
  readonly port: number;
  /** default 127.0.0.1: the playground is for this machine */
  readonly host?: string;
}

interface Asset {
  readonly body: Uint8Array;
  readonly type: string;
}

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  wasm: "application/wasm",
};

async function assets(): Promise<{ files: Map<string, Asset>; bundleSeconds: number }> {
  const bundle = await bundlePlayground();
  const files = new Map<string, Asset>();
  for (const name of ["index.html", "bench.html", "style.css"]) files.set(`/${name}`, { body: await readFile(join(WEB_DIR, name)), type: TYPES[name.split(".").pop()!] });
  files.set("/", files.get("/index.html")!);
  for (const [path, body] of bundle.files) files.set(path, { body, type: TYPES.js });
  const highsWasm = createRequire(import.meta.url).resolve("highs/runtime");
  files.set("/highs.wasm", { body: await readFile(highsWasm), type: TYPES.wasm });
  return { files, bundleSeconds: bundle.seconds };
}

function respond(files: ReadonlyMap<string, Asset>, req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
  // cross-origin isolation: SharedArrayBuffer and shared WebAssembly memory, for the two-thread loops
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
  res.setHeader("Cache-Control", "no-store");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" }).end("only GET and HEAD\n");
    return;
  }
  let path: string;
  try {
    path = new URL(req.url ?? "/", "http://localhost").pathname;
  } catch {
    path = "";
  }
  const asset = files.get(path);
  if (!asset) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`not found: ${path}\n`);
    return;
  }
  res.writeHead(200, { "Content-Type": asset.type, "Content-Length": asset.body.byteLength });
  res.end(req.method === "HEAD" ? undefined : asset.body);
}

/** Builds the bundle and listens; a port in use or not allowed is a UsageError. */
export async function startPlayground(options: PlaygroundOptions): Promise<PlaygroundServer> {
  const host = options.host ?? "127.0.0.1";
  const { files, bundleSeconds } = await assets();
  const server = createServer((req, res) => respond(files, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      const allowed = "pick another with --port P, or --port 0 for a free one";
      if (e.code === "EADDRINUSE") reject(new UsageError(`port ${options.port} is in use`, allowed));
      else if (e.code === "EACCES") reject(new UsageError(`port ${options.port} is not allowed for this user`, allowed));
      else reject(e);
    });
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    port,
    bundleSeconds,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
