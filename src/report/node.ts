// Output layer, Node-only parts: PNG conversion, run folders on disk, the terminal progress bar.
export * from "./index.ts";
export { svgToPng } from "./png.ts";
export { writeRunDir, resultJson, safeFileName, OutputDirError, OUTPUT_MARKER, type WriteRunOptions, type WrittenRun } from "./write.ts";
export { progressBar, type ProgressBar, type ProgressStream, type ProgressBarOptions } from "./progress-tty.ts";
