import { settings } from "../../config/env.server";
import { getFormat, isPrintFormat } from "../../templates/formats";
import { fitPhotoInput, PREVIEW_PHOTO_MAX_PX } from "../../templates/photo/fit.server";
import { filesInPool, previewInPool, startRenderPool } from "../../templates/render/pool.server";
import type { PhotoFacts } from "../../templates/preflight";
import type { RenderInput } from "../../templates/types";
import {
  type RenderedFiles,
  type StoredPreflight,
  slugVerifyCode,
  toStoredPreflight,
} from "../../storage/assets";
import { formatDateVi } from "./format";

// Rendering goes to the worker pool so typing or a bulk run never stalls other pages. A photo is
// fitted to its slot here first (sharp, on this thread, cached), so only the small prepared JPEG
// crosses to a render thread and the threads never load sharp.

/**
 * Starts the process's render pool as configured (RENDER_WORKERS threads, RENDER_RSS_BUDGET_MB);
 * later calls do nothing. The server calls it at boot; renders call it too, so a pool is never
 * made with other settings. Throws ConfigError (CONFIG_INVALID) for bad settings.
 */
export function startAppRenderPool(): void {
  startRenderPool(settings().render);
}

/**
 * A preview through the configured pool: previewInPool's arguments, result and errors, with the
 * input's photo first fitted for the preview's size (fitPhotoInput: RenderError PHOTO_NOT_TAKEN,
 * PHOTO_UNREADABLE).
 */
export const renderPreview: typeof previewInPool = async (templateId, formatId, input, opts = {}) => {
  startAppRenderPool();
  const fitted = await fitPhotoInput(templateId, formatId, input, {
    maxPx: opts.maxPx ?? PREVIEW_PHOTO_MAX_PX,
  });
  return previewInPool(templateId, formatId, fitted, opts);
};

export interface SlugFor {
  assetCode: string;
  versionN: number;
  /** Where the verify QR points: `publicOrigin()`, the configured origin, never a request's Host. */
  origin: string;
  now?: Date;
}

/**
 * The files a new version keeps. Print formats: the print PDF (what decisions bind to) with a PNG
 * proof; screen formats: their PNG at true pixel size, which is then the approved file itself.
 * The preflight report comes whole (errors apart from warnings): the workflow stores it with the
 * version and refuses the version while it lists errors. The input's photo is fitted at the
 * format's full resolution first (fitPhotoInput's errors); `photo` then says what it became
 * (crop, effective and required ppi) for the version page.
 */
export async function renderVersionFiles(
  templateId: string,
  formatId: string,
  input: RenderInput,
  slug: SlugFor,
): Promise<{ files: RenderedFiles; preflight: StoredPreflight; photo?: PhotoFacts }> {
  const now = slug.now ?? new Date();
  // The 8-character code printed on the slug and linked by its QR code: a function of the asset
  // code and version number, both printed in the same file, so it is known before rendering.
  const verifyCode = slugVerifyCode(slug.assetCode, slug.versionN);
  startAppRenderPool();
  const out = await filesInPool(
    templateId,
    formatId,
    await fitPhotoInput(templateId, formatId, input),
    {
      assetCode: slug.assetCode,
      version: String(slug.versionN), // the slug line writes "Phiên bản N"
      date: formatDateVi(now.toISOString()),
      verifyCode,
      verifyUrl: `${new URL(slug.origin).origin}/verify/${verifyCode}`,
    },
    now,
  );
  const files: Partial<RenderedFiles> = {};
  for (const f of out.files) {
    if (f.kind === "pdf") files.pdf = f.bytes;
    else if (f.kind === "pdf_scaled") files.pdf_scaled = f.bytes;
    else if (f.kind === "png") files.png = f.bytes;
    else if (f.kind === "svg") files.svg = f.bytes;
  }
  const photo = out.preflight.photo;
  return {
    files: files as RenderedFiles,
    preflight: toStoredPreflight(out.preflight),
    ...(photo ? { photo } : {}),
  };
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
