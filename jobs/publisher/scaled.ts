import { isDomainError } from "../../domain/errors";
import { vnDate } from "../../domain/working-days";
import { type AssetRecord, getVersionFile, slugVerifyCode, type VersionRecord } from "../../storage/assets";
import { addVersionFile } from "../../storage/assets/files";
import { brandOfVersion } from "../../storage/brand";
import { immediate } from "../../storage/db/sync";
import { type Format, getFormat } from "../../templates/formats";
import { needsScaledFile } from "../../templates/render/pdf";
import { scaledFileInPool } from "../../templates/render/pool.server";
import type { PublisherContext } from "./context";

// The 1:10 print file of a version made before versions kept one (decision 031). Versions made
// since carry it from the render that made them; for the others the publisher draws it here, from
// the version's stored SVG (the master its true-size PDF was drawn from) with the same slug facts
// and the version's own brand kit (its inks, not today's kit: decision 039), and stores it with the version before anything is uploaded, so the store, the print library and
// the verify page all see one file bound to that version.

type StoredFile = NonNullable<ReturnType<typeof getVersionFile>>;

function formatOf(formatId: string): Format | null {
  try {
    return getFormat(formatId);
  } catch {
    // A format removed from the catalogue after approval: its files stand, nothing is redrawn.
    return null;
  }
}

/** "dd/mm/yyyy", the Vietnamese calendar date of an ISO instant, as the slug line writes it. */
function slugDate(iso: string): string {
  return vnDate(new Date(iso)).split("-").reverse().join("/");
}

/**
 * The version's 1:10 print file: the stored one, else one drawn now and stored (the first writer's
 * bytes win a race). Null when the format needs none, or when the stored SVG cannot be drawn (a
 * render refusal, or a brand kit stored with the version that no longer reads: logged as a warning, and the true-size file is published alone rather than the
 * approved file held back). The verify QR needs the public origin (`ctx.publicOrigin`); without
 * it the slug still carries the verify code, and a warning says the QR is missing. Other errors
 * (a render worker that died) are thrown: the job is tried again.
 */
export async function ensureScaledFile(
  ctx: PublisherContext,
  asset: AssetRecord,
  version: VersionRecord,
): Promise<StoredFile | null> {
  const format = formatOf(asset.formatId);
  if (!format || !needsScaledFile(format)) return null;
  const stored = getVersionFile(ctx.db, version.id, "pdf_scaled");
  if (stored) return stored;
  const svg = getVersionFile(ctx.db, version.id, "svg");
  const where = `${asset.code} v${version.n}`;
  if (!svg) {
    ctx.log("warn", `${where}: no stored SVG, published without its 1:10 print file`);
    return null;
  }
  const verifyCode = slugVerifyCode(asset.code, version.n);
  if (!ctx.publicOrigin) ctx.log("warn", `${where}: PUBLIC_ORIGIN unknown, 1:10 file drawn without its QR`);
  const issuer = version.options.issuer;
  let drawn: Awaited<ReturnType<typeof scaledFileInPool>>;
  try {
    drawn = await scaledFileInPool(
      {
        templateId: asset.templateId,
        formatId: asset.formatId,
        svg: svg.bytes.toString("utf8"),
        text: version.text,
        issuer: typeof issuer === "string" ? issuer : undefined,
        brand: brandOfVersion(version.options),
      },
      {
        assetCode: asset.code,
        version: String(version.n),
        date: slugDate(version.createdAt),
        verifyCode,
        verifyUrl: ctx.publicOrigin ? `${ctx.publicOrigin}/verify/${verifyCode}` : undefined,
      },
      new Date(version.createdAt),
    );
  } catch (err) {
    // A render refusal, or a stored kit that no longer reads (BRAND_SNAPSHOT_UNREADABLE).
    if (!isDomainError(err)) throw err;
    ctx.log(
      "warn",
      `${where}: 1:10 print file not drawn (${err.code}: ${err.message}); publishing the true-size file alone`,
    );
    return null;
  }
  if (!drawn.file) return null;
  const bytes = drawn.file.bytes;
  const file = immediate(ctx.db.conn, () => addVersionFile(ctx.db, version.id, "pdf_scaled", bytes));
  ctx.log("info", `${where}: 1:10 print file drawn from the stored SVG (${file.size} bytes)`);
  return file;
}
