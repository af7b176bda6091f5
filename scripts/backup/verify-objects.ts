// `npx tsx scripts/backup/verify-objects.ts [--json]`: the object half of the restore drill
// (docs/deploy.md). With the app's own settings (DATABASE_URL or the SQLite file; MINIO_* or the
// folder store) it reads every object the database names and checks its SHA-256 against the row.
// Exit 0 with one summary line when all match; 1 with one line per bad object (or when the
// database is missing); 2 on bad usage. Errors print one `CODE: …` line like the CLI's.
import { settings } from "../../config/env.server";
import { createObjectStore } from "../../storage/objects/index.server";
import { describeError } from "../cli/output";
import { openAppDatabase } from "../cli/database";
import { checkedCount, checkStoredObjects, type ObjectProblem, type ObjectTable } from "./object-check";

const USAGE = "usage: npx tsx scripts/backup/verify-objects.ts [--json]";

const TABLE_VI: Record<ObjectTable, string> = {
  published_objects: "file in đã phát hành",
  media: "ảnh/logo thư viện",
  installation_photos: "ảnh nghiệm thu",
};

const PROBLEM_VI: Record<ObjectProblem, string> = {
  missing: "không có trong kho",
  mismatch: "nội dung không khớp mã SHA-256 trong cơ sở dữ liệu",
  unreadable: "không đọc được",
};

async function main(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  if (args.some((a) => a !== "--json")) {
    console.error(`USAGE: ${USAGE}`);
    return 2;
  }
  const json = args.includes("--json");
  const handle = openAppDatabase();
  if (!handle) return 1;
  try {
    const result = await checkStoredObjects(handle, createObjectStore(settings().objectStore));
    const total = checkedCount(result);
    if (json) process.stdout.write(`${JSON.stringify({ ok: result.findings.length === 0, ...result })}\n`);
    if (result.findings.length === 0) {
      const parts = Object.entries(result.checked).map(([t, n]) => `${n} ${TABLE_VI[t as ObjectTable]}`);
      if (!json) console.log(`Kho lưu trữ khớp cơ sở dữ liệu: ${total} tệp (${parts.join(", ")}).`);
      return 0;
    }
    for (const f of result.findings) {
      console.error(
        `OBJECT_${f.problem.toUpperCase()}: ${TABLE_VI[f.table]} ${f.key} ${PROBLEM_VI[f.problem]}` +
          ` (cần ${f.expected}${f.actual ? `, có ${f.actual}` : ""}${f.detail ? `; ${f.detail}` : ""})`,
      );
    }
    console.error(`${result.findings.length}/${total} tệp hỏng hoặc thiếu.`);
    return 1;
  } finally {
    handle.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(describeError(e));
    process.exitCode = 1;
  },
);
