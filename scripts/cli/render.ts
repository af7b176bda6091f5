import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import sharp from "sharp";
import { DomainError } from "../../domain/errors";
import { RenderError } from "../../templates/errors";
import { isPrintFormat } from "../../templates/formats";
import { fitPhotoInput } from "../../templates/photo/fit.server";
import type { FocalPoint, PhotoSource } from "../../templates/photo/types";
import type { RasterUse } from "../../templates/preflight";
import {
  type PreflightReport,
  checkRendered,
  printPdf,
  renderSvg,
  svgToPng,
} from "../../templates/render/index.server";
import type { RenderInput } from "../../templates/types";
import { UsageError, parse, writeAtomic } from "./output";

export type OutputKind = "svg" | "png" | "pdf";

type PreflightIssue = PreflightReport["errors"][number];

/** One line: stray line breaks in a message would break the one-line-per-error contract. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/**
 * Preflight found errors: nothing is written. `code` and `messageVi` are the first error's; the
 * other errors follow in the same line (`CODE: message; CODE: message`), so `describeError` prints
 * all of them as one line. Every code the report carries counts, known to this file or not.
 */
export class PreflightFailed extends DomainError {
  readonly code: string;
  readonly errors: PreflightIssue[];
  readonly warnings: PreflightIssue[];

  constructor(report: PreflightReport) {
    const [first, ...rest] = report.errors;
    const messageVi = [
      oneLine(first.messageVi),
      ...rest.map((e) => `${e.code}: ${oneLine(e.messageVi)}`),
    ].join("; ");
    super(messageVi, `${first.code}: ${messageVi}`);
    this.name = "PreflightFailed";
    this.code = first.code;
    this.errors = report.errors;
    this.warnings = report.warnings;
  }
}

/** `CẢNH BÁO CODE: message`, one line per warning, for stderr. */
export function warningLines(warnings: PreflightIssue[]): string[] {
  return warnings.map((w) => `CẢNH BÁO ${w.code}: ${oneLine(w.messageVi)}`);
}

/** A command-line value the render cannot use (`INVALID_FOCUS`, `PHOTO_FILE_MISSING`): exit 1, one line. */
export class RenderArgError extends DomainError {
  constructor(
    readonly code: "INVALID_FOCUS" | "PHOTO_FILE_MISSING",
    messageVi: string,
  ) {
    super(messageVi, `${code}: ${messageVi}`);
    this.name = "RenderArgError";
  }
}

/**
 * `--focus x,y`: the photo's focal point as fractions 0–1 of its width and height ("0.7,0.4").
 * Throws RenderArgError INVALID_FOCUS for anything else.
 */
export function parseFocus(raw: string): FocalPoint {
  const parts = raw.split(",").map((p) => p.trim());
  const nums = parts.map((p) => (/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(p) ? Number(p) : Number.NaN));
  if (nums.length !== 2 || nums.some((n) => !(n >= 0 && n <= 1))) {
    throw new RenderArgError(
      "INVALID_FOCUS",
      `--focus phải là hai số từ 0 đến 1, cách nhau bằng dấu phẩy (ví dụ 0.7,0.4 — ngang, dọc); nhận "${raw}".`,
    );
  }
  return { x: nums[0], y: nums[1] };
}

/**
 * A photo file for `--photo`: decoded by sharp, turned upright by its EXIF orientation and
 * re-encoded as JPEG without metadata (what the media library would store; the command line has
 * none). Throws RenderArgError PHOTO_FILE_MISSING when the file cannot be read, RenderError
 * PHOTO_UNREADABLE when it is not an image sharp decodes.
 */
export async function readPhotoFile(path: string, focus?: FocalPoint): Promise<PhotoSource> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch {
    throw new RenderArgError("PHOTO_FILE_MISSING", `không đọc được tệp ảnh "${path}".`);
  }
  try {
    const bytes = await sharp(raw, { failOn: "error" })
      .rotate()
      .jpeg({ quality: 92, mozjpeg: true })
      .toBuffer();
    return { bytes, focus };
  } catch {
    throw new RenderError(
      "PHOTO_UNREADABLE",
      `Tệp "${path}" không phải ảnh đọc được (dùng JPEG, PNG hoặc WebP).`,
      { path },
    );
  }
}

export function outputKind(path: string): OutputKind {
  const ext = extname(path).toLowerCase().slice(1);
  if (ext === "svg" || ext === "png" || ext === "pdf") return ext;
  throw new UsageError(`tệp ra phải có đuôi .svg, .png hoặc .pdf (nhận "${path}").`);
}

export function today(d = new Date()): string {
  return `${String(d.getDate()).padStart(2, "0")}/${String(d.getMonth() + 1).padStart(2, "0")}/${d.getFullYear()}`;
}

export interface CheckedFiles {
  /** In the order asked for. */
  files: { kind: OutputKind; bytes: Uint8Array }[];
  /** Preflight warnings: the files are still good to write. */
  warnings: PreflightIssue[];
  /** The text as the engine set it (after its cleaning). */
  text: string;
}

/**
 * Renders once, in memory, every kind asked for, and runs preflight on that render (with the PDF's
 * rasters when a PDF is made, and the photo, fitted here at full resolution, when the input has
 * one). Throws PreflightFailed when preflight reports any error, RenderError when the engine
 * refuses; nothing is returned to write in either case.
 */
export async function renderChecked(
  templateId: string,
  formatId: string,
  input: RenderInput,
  kinds: readonly OutputKind[],
  code = "BAN-NHAP",
): Promise<CheckedFiles> {
  const fitted = await fitPhotoInput(templateId, formatId, input);
  const r = await renderSvg(templateId, formatId, fitted);
  const made = new Map<OutputKind, Uint8Array>();
  let rasters: RasterUse[] = [];
  if (kinds.includes("pdf")) {
    if (!isPrintFormat(r.format)) {
      throw new RenderError(
        "FORMAT_NOT_SUPPORTED",
        `Khổ "${r.format.label}" là khổ màn hình: xuất PNG, không có file in PDF.`,
      );
    }
    // A file made from the command line has not been through approval: the slug says so.
    const pdf = await printPdf(r, {
      assetCode: code,
      date: today(),
      approval: "Bản nháp: chưa qua phê duyệt, không dùng để in",
    });
    rasters = pdf.rasters;
    made.set("pdf", pdf.bytes);
  }
  const report = checkRendered(r, rasters, fitted.photoFit);
  if (report.errors.length > 0) throw new PreflightFailed(report);
  if (kinds.includes("png"))
    made.set("png", (await svgToPng(r, r.format.kind === "screen" ? 10_000 : 2400)).png);
  if (kinds.includes("svg")) made.set("svg", Buffer.from(r.svg, "utf8"));
  return {
    files: kinds.map((kind) => ({ kind, bytes: made.get(kind)! })),
    warnings: report.warnings,
    text: r.input.text,
  };
}

export async function renderCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    template: { type: "string" },
    format: { type: "string" },
    text: { type: "string" },
    subtitle: { type: "string" },
    photo: { type: "string" },
    focus: { type: "string" },
    out: { type: "string" },
  });
  for (const k of ["template", "format", "text", "out"] as const) {
    if (values[k] === undefined) throw new UsageError(`thiếu --${k}.`);
  }
  if (values.focus !== undefined && values.photo === undefined)
    throw new UsageError("--focus cần đi kèm --photo.");
  const kind = outputKind(values.out!);
  const focus = values.focus === undefined ? undefined : parseFocus(values.focus);
  const photo = values.photo === undefined ? undefined : await readPhotoFile(values.photo, focus);
  const { files, warnings } = await renderChecked(
    values.template!,
    values.format!,
    { text: values.text!, subtitle: values.subtitle, photo },
    [kind],
  );
  const bytes = files[0].bytes;
  await writeAtomic(values.out!, bytes);
  for (const line of warningLines(warnings)) console.error(line);
  console.error(`Đã ghi ${values.out} (${bytes.length} byte)`);
  return 0;
}
