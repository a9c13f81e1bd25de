// The checks of one or more results as a terminal table, and the overall verdict.
import { allPass, type Check, type Result } from "../run/index.ts";
import { fmt, formatTable } from "./table.ts";

/** A result passes when it has at least one check and every check passes. */
export function resultPasses(r: Result): boolean {
  return allPass(r.checks);
}

/** "3.2e-12 <= 1e-08" */
export function measuredCell(c: Check): string {
  return `${fmt(c.measured)} ${c.comparator} ${fmt(c.threshold)}`;
}

/** One row per check: claim, check, measured (vs threshold), predicted, competitor, verdict. */
export function checksTable(results: readonly Result[]): string {
  const rows: string[][] = [["claim", "check", "measured", "predicted", "competitor", "verdict"]];
  for (const r of results) {
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

/** "3/4 claims pass (11/12 checks); failing: ls-rowspace" */
export function verdictLine(results: readonly Result[]): string {
  const passing = results.filter(resultPasses);
  const checks = results.reduce((n, r) => n + r.checks.length, 0);
  const checksOk = results.reduce((n, r) => n + r.checks.filter((c) => c.pass).length, 0);
  const failing = results.filter((r) => !resultPasses(r)).map((r) => r.id);
  const head = `${passing.length}/${results.length} claim${results.length === 1 ? "" : "s"} pass (${checksOk}/${checks} checks)`;
  return failing.length ? `${head}; failing: ${failing.join(", ")}` : head;
}
