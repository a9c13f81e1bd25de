#!/usr/bin/env node
// The biaslab command line: runs the TypeScript sources through tsx's loader.
import { setFlagsFromString } from "node:v8";
import { register } from "tsx/esm/api";
// Compile WebAssembly with V8's optimizing compiler up front. With dynamic tiering (the default) a kernel
// runs as baseline code until V8 has compiled it again in the background, and on two busy cores that took
// thousands of steps (logreg-gd: 37k → 65k steps/s on two threads with it off). Set before any module compiles.
setFlagsFromString("--no-wasm-dynamic-tiering");
register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
