import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { getFormat, isPrintFormat } from "../../templates/formats";
import { type CsvEncoding, ENCODING_LABELS, decodeCsv, detectDelimiter } from "./csv-input";
import { UsageError, describeError, parse, writeAtomic } from "./output";
import { renderChecked, warningLines } from "./render";

const COLUMNS = ["content_item", "slogan", "template", "format"] as const;

export interface BulkRow {
  /** Line of the file the row starts on (the header is line 1). */
  line: number;
  content_item: string;
  slogan: string;
  template: string;
  format: string;
}

export interface BulkCsv {
  encoding: CsvEncoding;
  delimiter: "," | ";" | "\t";
  rows: BulkRow[];
}

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

/**
 * The rows of a bulk CSV as they will be rendered: bytes decoded by `decodeCsv` (UTF-8 with or
 * without BOM, UTF-16 with BOM, Windows-1258; NFC), delimiter "," ";" or tab found from the header.
 * Throws CsvInputError CSV_ENCODING for a file that is none of those, UsageError for a CSV that
 * does not parse or lacks a column.
 */
export async function readBulkCsv(file: string): Promise<BulkCsv> {
  const { text, encoding } = decodeCsv(await readFile(file));
  const delimiter = detectDelimiter(text, COLUMNS);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, delimiter, info: true });
  } catch (e) {
    throw new UsageError(`CSV không đọc được: ${(e as Error).message}`);
  }
  const header = records.length ? Object.keys(records[0].record) : [];
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new UsageError(`CSV thiếu cột: ${missing.join(", ")}.`);
  const rows = records.map(({ record, info }) => {
    const row = { line: info.lines } as BulkRow;
    for (const c of COLUMNS) row[c] = record[c] ?? "";
    // info.lines is the record's last line; a quoted value may span several.
    row.line -= COLUMNS.reduce((n, c) => n + (row[c].match(/\n/g)?.length ?? 0), 0);
    return row;
  });
  return { encoding, delimiter, rows };
}

/** Each row renders on its own: a bad row is reported and the rest still render. */
export async function bulkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: "string" } });
  const file = positionals[0];
  if (!file) throw new UsageError("thiếu tệp CSV.");
  if (!values.out) throw new UsageError("thiếu --out DIR.");
  const { encoding, rows } = await readBulkCsv(file);
  if (encoding !== "utf-8") {
    console.error(
      `THÔNG BÁO: đã đọc ${file} theo bảng mã ${ENCODING_LABELS[encoding]}${encoding === "windows-1258" ? " (CSV của Excel tiếng Việt)" : ""}; nên lưu lại thành CSV UTF-8.`,
    );
  }
  await mkdir(values.out, { recursive: true });
  let ok = 0;
  let failed = 0;
  for (const row of rows) {
    const { line } = row;
    try {
      const base = `${slug(row.content_item || "x")}-${String(line).padStart(3, "0")}-${row.template}-${row.format}`;
      const kinds = isPrintFormat(getFormat(row.format)) ? (["png", "pdf"] as const) : (["png"] as const);
      const { files, warnings } = await renderChecked(
        row.template,
        row.format,
        { text: row.slogan },
        kinds,
        `CCHC-2026-${row.content_item}`,
      );
      for (const { kind, bytes } of files) await writeAtomic(join(values.out, `${base}.${kind}`), bytes);
      for (const w of warningLines(warnings)) console.error(`dòng ${line}: ${w}`);
      ok++;
    } catch (e) {
      failed++;
      console.error(`dòng ${line}: ${describeError(e)}`);
    }
  }
  console.error(`Xong: ${ok} dòng thành công, ${failed} dòng lỗi.`);
  return failed ? 1 : 0;
}
