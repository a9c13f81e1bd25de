// The checks of one or more results as a terminal table, and the overall verdict.
import { allPass, type Check, type Result } from "../run/index.ts";
import { fmt, formatTable } from "./table.ts";

/** A result passes when it has at least one check and every check passes (a skipped one has none). */
export function resultPasses(r: Result): boolean {
  return allPass(r.checks);
}

/** A skipped result (its data set is not installed) neither passes nor fails. */
export function resultSkipped(r: Result): boolean {
  return r.skipped !== undefined;
}

/** verify's overall verdict: "fail" if any claim fails, "skipped" if none ran (all skipped), else "pass". */
export function overallVerdict(results: readonly Result[]): "pass" | "fail" | "skipped" {
  const ran = results.filter((r) => !resultSkipped(r));
  if (ran.some((r) => !resultPasses(r))) return "fail";
  return ran.length === 0 ? "skipped" : "pass";
}

/** "3.2e-12 <= 1e-08" */
export function measuredCell(c: Check): string {
  return `${fmt(c.measured)} ${c.comparator} ${fmt(c.threshold)}`;
}

/** One row per check: claim, check, measured (vs threshold), predicted, competitor, verdict. */
export function checksTable(results: readonly Result[]): string {
  const rows: string[][] = [["claim", "check", "measured", "predicted", "competitor", "verdict"]];
  for (const r of results) {
    if (resultSkipped(r)) {
      rows.push([r.id, `skipped: ${r.skipped}`, "", "", "", "SKIPPED"]);
      continue;
    }
    if (r.checks.length === 0) rows.push([r.id, "(no checks)", "", "", "", "FAIL"]);
    for (const c of r.checks) {
      rows.push([
        r.id,
        c.name,
        measuredCell(c),
        c.predicted ?? "",
        c.competitor ? `${c.competitor.name}: ${fmt(c.competitor.measured)}${c.margin !== undefined ? ` (needs >= ${fmt(c.margin)}x)` : ""}` : "",
        c.pass ? "pass" : "FAIL",
      ]);
    }
  }
  return formatTable(rows);
}

/** "3/4 claims pass (11/12 checks); failing: ls-rowspace; skipped (data not installed): test-loss-vs-error" */
export function verdictLine(results: readonly Result[]): string {
  const ran = results.filter((r) => !resultSkipped(r));
  const passing = ran.filter(resultPasses);
  const checks = ran.reduce((n, r) => n + r.checks.length, 0);
  const checksOk = ran.reduce((n, r) => n + r.checks.filter((c) => c.pass).length, 0);
  const failing = ran.filter((r) => !resultPasses(r)).map((r) => r.id);
  const skipped = results.filter(resultSkipped).map((r) => r.id);
  let line = `${passing.length}/${ran.length} claim${ran.length === 1 ? "" : "s"} pass (${checksOk}/${checks} checks)`;
  if (failing.length) line += `; failing: ${failing.join(", ")}`;
  if (skipped.length) line += `; skipped (data not installed): ${skipped.join(", ")}`;
  return line;
}
