import { PDFDocument } from "pdf-lib";
import { isRenderError } from "../../templates/errors";
import { getFormat, isPrintFormat } from "../../templates/formats";
import { renderAssetFiles, renderPreview } from "../../templates/render/index.server";
import type { RenderInput } from "../../templates/types";
import type { RenderedFiles } from "../../storage/assets";
import { formatDateVi } from "./format";

export { renderPreview, isRenderError };

export interface SlugFor {
  assetCode: string;
  versionN: number;
  origin: string;
  now?: Date;
}

/** Public verification URL printed (as a QR code) on the slug line of a print file. */
export function verifyRef(assetCode: string, n: number): string {
  return `${assetCode}-v${n}`;
}

/**
 * The workflow binds every decision to the sha-256 of a PDF, and requires one for every asset.
 * Print formats get the real print PDF; screen formats have none, so this adapter wraps the
 * full-size PNG in a one-page PDF (1 px = 0.75 pt) so screen assets can go through the same
 * workflow. The PNG itself is stored beside it and is what social-media staff download.
 */
export async function renderVersionFiles(
  templateId: string,
  formatId: string,
  input: RenderInput,
  slug: SlugFor,
): Promise<{ files: RenderedFiles; warnings: string[] }> {
  const now = slug.now ?? new Date();
  const ref = verifyRef(slug.assetCode, slug.versionN);
  const out = await renderAssetFiles(
    templateId,
    formatId,
    input,
    {
      assetCode: slug.assetCode,
      version: `Phiên bản ${slug.versionN}`,
      date: formatDateVi(now.toISOString()),
      verifyUrl: `${slug.origin}/verify/${encodeURIComponent(ref)}`,
    },
    now,
  );
  const files: Partial<RenderedFiles> = {};
  for (const f of out.files) {
    if (f.kind === "pdf") files.pdf = f.bytes;
    else if (f.kind === "png") files.png = f.bytes;
    else if (f.kind === "svg") files.svg = f.bytes;
  }
  if (!files.pdf) {
    if (!files.png) throw new Error("renderer returned neither pdf nor png");
    files.pdf = await pngToPdf(files.png, input.text, slug.assetCode, now);
  }
  const warnings = [...out.preflight.errors, ...out.preflight.warnings].map((i) => i.messageVi);
  return { files: files as RenderedFiles, warnings };
}

async function pngToPdf(png: Uint8Array, title: string, code: string, now: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setSubject(code);
  doc.setCreator("Cổ động");
  doc.setProducer("Cổ động");
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const img = await doc.embedPng(png);
  const w = img.width * 0.75;
  const h = img.height * 0.75;
  const page = doc.addPage([w, h]);
  page.drawImage(img, { x: 0, y: 0, width: w, height: h });
  return doc.save({ useObjectStreams: false });
}

export function isPrint(formatId: string): boolean {
  return isPrintFormat(getFormat(formatId));
}

// Asset codes and version numbers are printed inside the file whose hash becomes the version's
// identity, so they are predicted before the write; one creation at a time per process keeps
// the prediction true (a single web process serves the commune).
let chain: Promise<unknown> = Promise.resolve();
export function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const run = chain.then(fn, fn);
  chain = run.catch(() => undefined);
  return run;
}
