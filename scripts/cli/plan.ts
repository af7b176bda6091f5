import { STATE_LABELS_VI } from "../../domain/states";
import { settings } from "../../config/env.server";
import { openDatabase } from "../../storage/db/connection";
import { DEFAULT_PLAN_ID, getPlanSummary } from "../../storage/plan";

const USAGE = "usage: plan [--json] [--plan ID]";

/** `plan --json`: the plan, its content items with slogans and asset counts per state, tasks, units. */
export async function planCommand(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const i = args.indexOf("--plan");
  const planId = i >= 0 ? args[i + 1] : DEFAULT_PLAN_ID;
  if (args.includes("--help") || !planId) {
    console.log(USAGE);
    return planId ? 0 : 2;
  }
  const handle = openDatabase(settings().database);
  try {
    const summary = getPlanSummary(handle, planId);
    if (!summary) {
      console.error(`Không tìm thấy kế hoạch "${planId}". Hãy chạy: npm run seed`);
      return 1;
    }
    if (json) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    }
    const p = summary.plan;
    console.log(`${p.title}\nSố: ${p.numberLabel} · Chủ đề năm: ${p.theme}\n`);
    for (const ci of summary.contentItems) {
      const counts = Object.entries(ci.assetCounts)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${STATE_LABELS_VI[s as keyof typeof STATE_LABELS_VI]}: ${n}`)
        .join(", ");
      console.log(`${ci.code.padEnd(5)} ${ci.title}${counts ? `  [${counts}]` : ""}`);
    }
    console.log("");
    for (const t of summary.tasks)
      console.log(`Nhiệm vụ ${t.number}: ${t.title} — ${t.lead.name} — ${t.timeText}`);
    return 0;
  } finally {
    handle.close();
  }
}
