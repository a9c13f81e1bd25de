// The text of a progress line: bar, percentage, elapsed time and ETA.
import { formatDuration } from "./format.ts";

/**
 * "label [########--------]  50%  1.2s, ETA 1.2s". The ETA assumes a constant rate:
 * elapsed·(1 − f)/f; it is "?" until some progress is made.
 */
export function formatProgress(fraction: number, elapsedMs: number, label = "", width = 24): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const filled = Math.round(f * width);
  const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
  const pct = `${String(Math.floor(f * 100)).padStart(3)}%`;
  const eta = f >= 1 ? "done" : f > 0 ? `ETA ${formatDuration((elapsedMs * (1 - f)) / f)}` : "ETA ?";
  return `${label ? `${label} ` : ""}${bar} ${pct}  ${formatDuration(elapsedMs)}, ${eta}`;
}
