import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { isPrintFormat, getFormat } from "../../templates/formats";
import { describeError, parse, UsageError, writeAtomic } from "./output";
import { renderToBytes } from "./render";

const COLUMNS = ["content_item", "slogan", "template", "format"] as const;

function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9.]+/g, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}

/** Each row renders on its own: a bad row is reported and the rest still render. */
export async function bulkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: "string" } });
  const file = positionals[0];
  if (!file) throw new UsageError("thiếu tệp CSV.");
  if (!values.out) throw new UsageError("thiếu --out DIR.");
  const text = await readFile(file, "utf8");
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    throw new UsageError(`CSV không đọc được: ${(e as Error).message}`);
  }
  const header = rows.length ? Object.keys(rows[0]) : [];
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new UsageError(`CSV thiếu cột: ${missing.join(", ")}.`);
  await mkdir(values.out, { recursive: true });
  let ok = 0;
  let failed = 0;
  for (const [i, row] of rows.entries()) {
    const line = i + 2;
    try {
      const base = `${slug(row.content_item || "x")}-${String(line).padStart(3, "0")}-${row.template}-${row.format}`;
      const kinds = isPrintFormat(getFormat(row.format)) ? (["png", "pdf"] as const) : (["png"] as const);
      const outputs: [string, Uint8Array][] = [];
      for (const kind of kinds) {
        outputs.push([
          join(values.out, `${base}.${kind}`),
          await renderToBytes(
            row.template,
            row.format,
            { text: row.slogan },
            kind,
            `CCHC-2026-${row.content_item}`,
          ),
        ]);
      }
      for (const [path, bytes] of outputs) await writeAtomic(path, bytes);
      ok++;
    } catch (e) {
      failed++;
      console.error(`dòng ${line}: ${describeError(e)}`);
    }
  }
  console.error(`Xong: ${ok} dòng thành công, ${failed} dòng lỗi.`);
  return failed ? 1 : 0;
}
