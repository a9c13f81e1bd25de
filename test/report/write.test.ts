import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OUTPUT_MARKER, OutputDirError, parseTraceCsv, writeRunDir } from "../../src/report/node.ts";
import { lineChart } from "../../src/report/index.ts";
import { checkAtMost } from "../../src/metrics/index.ts";
import type { Result } from "../../src/run/types.ts";

function result(id: string, measured = 1e-10): Result {
  return {
    id, params: { n: 5 }, seconds: 0.25, claim: `claim ${id}`,
    checks: [checkAtMost("distance", measured, 1e-8)],
    traces: [{ name: "gd", columns: ["t", "loss"], rows: [[0, 1], [10, 1e-3], [100, NaN]] }],
    figures: [lineChart({ name: "loss vs t", title: "loss", x: "t", y: "loss", logY: true, data: [{ t: 0, loss: 1 }, { t: 10, loss: 1e-3 }] })],
    summary: { final: -Infinity },
  };
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "biaslab-write-"));
}

test("writeRunDir writes result.json, trace.csv, figures, report.html and the marker, and nothing else around", async () => {
  const root = scratch();
  try {
    const dir = join(root, "out", "run1");
    const w = await writeRunDir(dir, result("ls-gd-min-norm"), { png: true, files: { "command.txt": "biaslab run ls-gd-min-norm" } });
    assert.deepEqual(readdirSync(dir).sort(), [OUTPUT_MARKER, "command.txt", "figures", "report.html", "result.json", "trace.csv"].sort());
    assert.deepEqual(readdirSync(join(dir, "figures")).sort(), ["loss_vs_t.png", "loss_vs_t.svg"]);
    assert.ok(w.files.includes("report.html"));
    const json = JSON.parse(readFileSync(join(dir, "result.json"), "utf8"));
    assert.equal(json.id, "ls-gd-min-norm");
    assert.equal(json.summary.final, "-Infinity", "non-finite numbers are kept, not turned into null");
    assert.equal(json.traces[0].rows[2][1], "NaN");
    const traces = parseTraceCsv(readFileSync(join(dir, "trace.csv"), "utf8"));
    assert.equal(traces[0].rows[1][1], 1e-3);
    assert.match(readFileSync(join(dir, "figures", "loss_vs_t.svg"), "utf8"), /^<svg /);
    assert.deepEqual([...readFileSync(join(dir, "figures", "loss_vs_t.png")).subarray(1, 4)].map((c) => String.fromCharCode(c)).join(""), "PNG");
    const html = readFileSync(join(dir, "report.html"), "utf8");
    assert.match(html, /claim ls-gd-min-norm/);
    assert.match(html, /<svg /);
    // no temporary folders left next to it
    assert.deepEqual(readdirSync(join(root, "out")), ["run1"]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a non-empty folder that is not a biaslab output is refused and left untouched", async () => {
  const root = scratch();
  try {
    const dir = join(root, "thesis");
    mkdirSync(join(dir, "chapter1"), { recursive: true });
    writeFileSync(join(dir, "notes.txt"), "precious");
    writeFileSync(join(dir, "chapter1", "draft.tex"), "\\section{}");
    await assert.rejects(writeRunDir(dir, result("a")), (e: unknown) => {
      assert.ok(e instanceof OutputDirError);
      assert.match((e as Error).message, /is not empty and is not a biaslab output/);
      return true;
    });
    assert.deepEqual(readdirSync(dir).sort(), ["chapter1", "notes.txt"]);
    assert.equal(readFileSync(join(dir, "notes.txt"), "utf8"), "precious");
    assert.equal(readFileSync(join(dir, "chapter1", "draft.tex"), "utf8"), "\\section{}");
    assert.deepEqual(readdirSync(root), ["thesis"], "no temporary folder left behind");
    // a file in the way is refused as well
    writeFileSync(join(root, "file"), "x");
    await assert.rejects(writeRunDir(join(root, "file"), result("a")), /is not a directory/);
    assert.equal(readFileSync(join(root, "file"), "utf8"), "x");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("its own previous output is replaced entirely; an empty folder is used", async () => {
  const root = scratch();
  try {
    const dir = join(root, "out");
    await writeRunDir(dir, [result("first"), result("second")]);
    assert.ok(existsSync(join(dir, "results.json")));
    assert.ok(existsSync(join(dir, "figures", "first", "loss_vs_t.svg")));
    assert.match(readFileSync(join(dir, "trace.csv"), "utf8"), /^first\/gd,/m);
    await writeRunDir(dir, result("third", 1));
    assert.ok(!existsSync(join(dir, "results.json")), "the old run is gone");
    assert.ok(!existsSync(join(dir, "figures", "first")));
    const json = JSON.parse(readFileSync(join(dir, "result.json"), "utf8"));
    assert.equal(json.id, "third");
    assert.equal(json.checks[0].pass, false);
    assert.deepEqual(readdirSync(root), ["out"]);
    const empty = join(root, "empty");
    mkdirSync(empty);
    await writeRunDir(empty, [result("only")]);
    assert.ok(existsSync(join(empty, "result.json")), "one result in an array is still result.json");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("bad requests fail before anything is written", async () => {
  const root = scratch();
  try {
    const dir = join(root, "out");
    await assert.rejects(writeRunDir(dir, [result("same"), result("same")]), /two results have the id same/);
    const r = result("dup");
    await assert.rejects(writeRunDir(dir, { ...r, figures: [r.figures[0], r.figures[0]] }), /two figures named/);
    await assert.rejects(writeRunDir(dir, r, { files: { "../escape.txt": "x" } }), /inside the output folder/);
    assert.deepEqual(readdirSync(root), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
