import { extname } from "node:path";
import { RenderError } from "../../templates/errors";
import { isPrintFormat } from "../../templates/formats";
import { printPdf, renderSvg, svgToPng } from "../../templates/render/index.server";
import type { RenderInput } from "../../templates/types";
import { UsageError, parse, writeAtomic } from "./output";

export type OutputKind = "svg" | "png" | "pdf";

export function outputKind(path: string): OutputKind {
  const ext = extname(path).toLowerCase().slice(1);
  if (ext === "svg" || ext === "png" || ext === "pdf") return ext;
  throw new UsageError(`tệp ra phải có đuôi .svg, .png hoặc .pdf (nhận "${path}").`);
}

export function today(d = new Date()): string {
  return `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;
}

/** Renders in memory first; the file is written only once the whole render succeeded. */
export async function renderToBytes(
  templateId: string,
  formatId: string,
  input: RenderInput,
  kind: OutputKind,
  code = "BAN-NHAP",
) {
  const r = await renderSvg(templateId, formatId, input);
  if (kind === "svg") return Buffer.from(r.svg, "utf8");
  if (kind === "png") return (await svgToPng(r, r.format.kind === "screen" ? 10_000 : 2400)).png;
  if (!isPrintFormat(r.format)) {
    throw new RenderError(
      "FORMAT_NOT_SUPPORTED",
      `Khổ "${r.format.label}" là khổ màn hình: xuất PNG, không có file in PDF.`,
    );
  }
  return (await printPdf(r, { assetCode: code, date: today(), version: "bản nháp" })).bytes;
}

export async function renderCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    template: { type: "string" },
    format: { type: "string" },
    text: { type: "string" },
    subtitle: { type: "string" },
    out: { type: "string" },
  });
  for (const k of ["template", "format", "text", "out"] as const) {
    if (values[k] === undefined) throw new UsageError(`thiếu --${k}.`);
  }
  const kind = outputKind(values.out!);
  const bytes = await renderToBytes(
    values.template!,
    values.format!,
    { text: values.text!, subtitle: values.subtitle },
    kind,
  );
  await writeAtomic(values.out!, bytes);
  console.error(`Đã ghi ${values.out} (${bytes.length} byte)`);
  return 0;
}
