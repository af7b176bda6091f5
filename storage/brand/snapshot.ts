import { z } from "zod";
import { type Brand, DEFAULT_BRAND } from "../../templates/brand";
import type { FocalPoint } from "../../templates/photo/types";
import type { RenderInput } from "../../templates/types";
import { sha256Hex } from "../assets/hash";
import type { DbHandle } from "../db/connection";
import { first } from "../db/sync";
import { BrandError } from "./errors";
import { brandKitSchema } from "./schema";

// What a version was drawn with, kept in its options_json beside the designer's choices (palette,
// align, font: TemplateOptions already): the brand kit's values (the logo by media id and hash, not
// its bytes) and the photo (media id, hash, the focal point used). A later kit changes new renders
// only; anything that draws a version's files again (the publisher's 1:10 file of an older
// version) reads the version's own kit here, never the current one.

/** A media row named by id and the hash of its bytes (content-addressed: the hash is the pixels). */
export interface MediaRef {
  /** Null when the bytes came from outside the library (CLI, tests). */
  mediaId: string | null;
  sha256: string;
}

/** The brand kit as a version stores it. */
export interface BrandSnapshot extends Omit<Brand, "logo"> {
  logo: MediaRef | null;
}

/** The photo as a version stores it: which one and the point the crop kept in view. */
export interface PhotoChoice extends MediaRef {
  focus: FocalPoint;
}

const mediaRefSchema = z.object({
  mediaId: z.string().uuid().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const brandSnapshotSchema = brandKitSchema
  .omit({ logoMediaId: true })
  .extend({ logo: mediaRefSchema.nullable() });
const fraction = z.number().min(0).max(1);
const photoChoiceSchema = mediaRefSchema.extend({ focus: z.object({ x: fraction, y: fraction }) });

function mediaIdOf(handle: Pick<DbHandle, "conn" | "db">, sha256: string): string | null {
  const row = first(handle.conn, handle.db.selectFrom("media").select("id").where("sha256", "=", sha256));
  return row?.id ?? null;
}

/**
 * `options_json` of a new version drawn from `input`: its TemplateOptions plus `brand` (the kit it
 * was drawn with: DEFAULT_BRAND when the input names none) and, with a photo, `photo` (media id
 * found by the bytes' hash, hash, focal point; the centre when the source had none).
 */
export function versionOptions(
  handle: Pick<DbHandle, "conn" | "db">,
  input: RenderInput,
): Record<string, unknown> {
  const { logo, ...brand } = input.brand ?? DEFAULT_BRAND;
  const snapshot: BrandSnapshot = {
    ...brand,
    logo: logo ? { mediaId: mediaIdOf(handle, logo.sha256), sha256: logo.sha256 } : null,
  };
  const out: Record<string, unknown> = { ...(input.options ?? {}), brand: snapshot };
  if (input.photo) {
    const sha256 = input.photo.sha256 ?? sha256Hex(input.photo.bytes);
    const photo: PhotoChoice = {
      mediaId: mediaIdOf(handle, sha256),
      sha256,
      focus: input.photo.focus ?? { x: 0.5, y: 0.5 },
    };
    out.photo = photo;
  }
  return out;
}

/** The brand snapshot of a version's options; null when the version predates brand kits. */
export function brandSnapshotOf(options: Record<string, unknown>): BrandSnapshot | null {
  if (options.brand === undefined) return null;
  const parsed = brandSnapshotSchema.safeParse(options.brand);
  if (!parsed.success) {
    throw new BrandError("BRAND_SNAPSHOT_UNREADABLE", `stored brand: ${parsed.error.issues[0]?.message}`);
  }
  return parsed.data;
}

/**
 * The brand a version was drawn with, to draw its files again from its stored SVG (the logo is in
 * that SVG already, so none is loaded): its snapshot, or DEFAULT_BRAND for a version made before
 * brand kits (those were drawn with exactly these constants). Throws BrandError
 * BRAND_SNAPSHOT_UNREADABLE for a snapshot that no longer parses: drawing it with another kit's
 * inks would print wrong colours.
 */
export function brandOfVersion(options: Record<string, unknown>): Brand {
  const snapshot = brandSnapshotOf(options);
  if (!snapshot) return DEFAULT_BRAND;
  const { logo: _, ...brand } = snapshot;
  return brand;
}

/** The photo a version was drawn with (to start an edit from it), or null for none or an unreadable one. */
export function photoChoiceOf(options: Record<string, unknown>): PhotoChoice | null {
  const parsed = photoChoiceSchema.safeParse(options.photo);
  return parsed.success ? parsed.data : null;
}
