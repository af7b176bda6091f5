// Reads the plan's markdown (storage/seed/source/, a copy of the shared folder's) into plain data. Used by the test
// that proves storage/seed/plan-data.ts is a faithful copy, and to regenerate that copy.

export interface ParsedContentItem {
  code: string;
  text: string;
}

export interface ParsedTask {
  number: number;
  text: string;
  lead: string;
  cooperating: string;
  time: string;
  product: string;
}

export interface ParsedPlan {
  theme: string;
  contentItems: ParsedContentItem[];
  tasks: ParsedTask[];
}

const ITEM_START = /^1\.(\d{1,2})\.?\s+/;

function paragraphs(block: string): string[] {
  return block
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter((p) => p.length > 0 && !p.startsWith("#"));
}

function between(md: string, startMarker: string, endMarker: string): string {
  const start = md.indexOf(startMarker);
  const end = md.indexOf(endMarker, start + startMarker.length);
  if (start < 0 || end < 0) throw new Error(`plan markdown: section "${startMarker}" not found`);
  return md.slice(start + startMarker.length, end);
}

export function parsePlanMarkdown(source: string): ParsedPlan {
  const md = source.normalize("NFC").replace(/\r\n?/g, "\n");

  const themeMatch = md.match(/chủ đề năm 2026 “\*([^*]+)\*”/);
  if (!themeMatch) throw new Error("plan markdown: theme not found");

  // A page break in the source shows up as a blank line inside an item (1.3, 1.9): a paragraph
  // that does not start with a code continues the previous item.
  const items: ParsedContentItem[] = [];
  for (const p of paragraphs(between(md, "1. Nội dung tuyên truyền", "2. Hình thức tuyên truyền"))) {
    const m = p.match(ITEM_START);
    if (m) items.push({ code: `1.${Number(m[1])}`, text: p.slice(m[0].length).trim() });
    else if (items.length > 0) items[items.length - 1].text += ` ${p}`;
  }

  const tasks: ParsedTask[] = [];
  const table = md.slice(md.indexOf("<b>Số TT</b>"));
  for (const line of table.split("\n").slice(1)) {
    const cells = line.split("\t").map((c) => c.trim());
    if (cells.length !== 6 || !/^\d+$/.test(cells[0])) continue;
    tasks.push({
      number: Number(cells[0]),
      text: cells[1],
      lead: cells[2],
      cooperating: cells[3],
      time: cells[4],
      product: cells[5],
    });
  }

  return { theme: themeMatch[1].trim(), contentItems: items, tasks };
}
