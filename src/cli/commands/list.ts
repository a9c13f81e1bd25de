// biaslab list: the registered claims with their section, seeds and one-line statement.
import type { Command } from "commander";
import type { CommandContext } from "../context.ts";
import { writeJson } from "../io.ts";
import { formatTable } from "../table.ts";

export function registerList(program: Command, ctx: CommandContext): void {
  program
    .command("list")
    .description("list the claims: id, CLAIMS.md section, seed files and the claim in one line")
    .option("--json", "print a JSON array of { id, section, seeds, claim } and nothing else")
    .action(async (opts: { json?: boolean }) => {
      const lab = await ctx.lab();
      const rows = lab.experiments.map((e) => ({ id: e.id, section: e.section, seeds: [...e.seeds], claim: e.claim }));
      if (opts.json) {
        writeJson(ctx.io.stdout, rows);
        return;
      }
      ctx.io.stdout.write(
        formatTable([["id", "section", "seeds", "claim"], ...rows.map((r) => [r.id, r.section, r.seeds.join(","), r.claim])]),
      );
      ctx.io.stdout.write(`\n${rows.length} claims. Run one with 'biaslab run <id> --quick', all with 'biaslab verify --quick'.\n`);
    });
}
