import { test } from "node:test";
import assert from "node:assert/strict";
import { formatDuration, formatNumber, formatProgress } from "../../src/report/index.ts";
import { progressBar } from "../../src/report/node.ts";

test("formatProgress: bar, percentage, elapsed and a constant-rate ETA", () => {
  assert.equal(formatProgress(0.5, 3000, "ls-gd", 10), "ls-gd [#####-----]  50%  3.0s, ETA 3.0s");
  assert.equal(formatProgress(0, 1000, "", 4), "[----]   0%  1.0s, ETA ?");
  assert.equal(formatProgress(1, 125000, "x", 4), "x [####] 100%  2m05s, done");
  assert.equal(formatProgress(0.25, 60000, "", 4), "[#---]  25%  1m00s, ETA 3m00s");
  assert.equal(formatProgress(7, 1000, "", 2), "[##] 100%  1.0s, done");
});

test("formatNumber and formatDuration", () => {
  assert.equal(formatNumber(3e-12), "3e-12");
  assert.equal(formatNumber(0.123456), "0.1235");
  assert.equal(formatNumber(12345678.9), "1.235e7");
  assert.equal(formatNumber(42), "42");
  assert.equal(formatNumber(NaN), "NaN");
  assert.equal(formatNumber(-Infinity), "−∞");
  assert.equal(formatDuration(7200000 + 180000), "2h03m");
  assert.equal(formatDuration(42400), "42s");
});

test("progressBar rewrites one line on a TTY, throttled, and stays silent elsewhere", () => {
  let clock = 0;
  const out: string[] = [];
  const tty = { isTTY: true, columns: 200, write: (s: string) => { out.push(s); return true; } };
  const bar = progressBar(tty, { now: () => clock });
  bar.update(0.1, "run");
  clock = 50;
  bar.update(0.2, "run"); // throttled
  clock = 150;
  bar.update(0.3, "run");
  clock = 160;
  bar.update(1, "run"); // the end is always shown
  bar.done();
  assert.equal(out.length, 4);
  assert.ok(out.slice(0, 3).every((s) => s.startsWith("\r") && s.endsWith("\x1b[K")));
  assert.match(out[1], /30%/);
  assert.match(out[2], /100%/);
  assert.equal(out[3], "\r\x1b[K");
  const pipe: string[] = [];
  const quiet = progressBar({ isTTY: false, write: (s: string) => { pipe.push(s); return true; } });
  quiet.update(0.5, "x");
  quiet.done();
  assert.equal(pipe.length, 0);
  // narrow terminals: the line fits
  const narrow: string[] = [];
  progressBar({ isTTY: true, columns: 30, write: (s: string) => { narrow.push(s); return true; } }).update(0.5, "a-long-claim-identifier");
  assert.ok(narrow[0].length <= 1 + 29 + 3);
});
