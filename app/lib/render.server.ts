import { settings } from "../../config/env.server";
import { getFormat, isPrintFormat } from "../../templates/formats";
import { filesInPool, previewInPool, startRenderPool } from "../../templates/render/pool.server";
import type { RenderInput } from "../../templates/types";
import {
  type RenderedFiles,
  type StoredPreflight,
  slugVerifyCode,
  toStoredPreflight,
} from "../../storage/assets";
import { formatDateVi } from "./format";

// Rendering goes to the worker pool so typing or a bulk run never stalls other pages.

/**
 * Starts the process's render pool as configured (RENDER_WORKERS threads, RENDER_RSS_BUDGET_MB);
 * later calls do nothing. The server calls it at boot; renders call it too, so a pool is never
 * made with other settings. Throws ConfigError (CONFIG_INVALID) for bad settings.
 */
export function startAppRenderPool(): void {
  startRenderPool(settings().render);
}

/** A preview through the configured pool: previewInPool's arguments, result and errors. */
export const renderPreview: typeof previewInPool = (...args) => {
  startAppRenderPool();
  return previewInPool(...args);
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
 * version and refuses the version while it lists errors.
 */
export async function renderVersionFiles(
  templateId: string,
  formatId: string,
  input: RenderInput,
  slug: SlugFor,
): Promise<{ files: RenderedFiles; preflight: StoredPreflight }> {
  const now = slug.now ?? new Date();
  // The 8-character code printed on the slug and linked by its QR code: a function of the asset
  // code and version number, both printed in the same file, so it is known before rendering.
  const verifyCode = slugVerifyCode(slug.assetCode, slug.versionN);
  startAppRenderPool();
  const out = await filesInPool(
    templateId,
    formatId,
    input,
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
  return { files: files as RenderedFiles, preflight: toStoredPreflight(out.preflight) };
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
