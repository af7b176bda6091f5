// The photo cases' preparation, on the harness's main thread before the workers start: the same
// split as the app, where the server fits a photo (sharp) and only the prepared JPEG goes to a
// render thread. Loaded only when a photo case runs, so the other cases keep a bare harness.
import { formatsFor, TEMPLATES } from "../../templates/catalog";
import { fitPhotoInput } from "../../templates/photo/fit.server";
import { makeTestPhoto, TEST_PHOTO_SUBJECT } from "../../test/support/photo-fixture";
import type { CaseDef } from "./cases";

/** A 12-megapixel phone photo, as a commune's staff would take one. */
const PHOTO = { width: 4000, height: 3000, seed: 14 };

/**
 * Each photo case with its design (the first with a photo slot that supports its format) and the
 * generated photo fitted to that design's slot at full resolution; a case no design can take is
 * dropped, with a note saying why. Non-photo cases pass through unchanged.
 */
export async function preparePhotoCases(cases: CaseDef[]): Promise<{ cases: CaseDef[]; notes: string[] }> {
  const notes: string[] = [];
  const out: CaseDef[] = [];
  let bytes: Buffer | undefined;
  for (const c of cases) {
    if (!c.photo) {
      out.push(c);
      continue;
    }
    const t = TEMPLATES.find((x) => x.photo && formatsFor(x).some((f) => f.id === c.formatId));
    if (!t) {
      notes.push(`${c.label}: skipped, no design with a photo slot supports ${c.formatId}`);
      continue;
    }
    bytes ??= await makeTestPhoto(PHOTO);
    const t0 = performance.now();
    const input = await fitPhotoInput(t.id, c.formatId, {
      text: "x",
      photo: { bytes, focus: TEST_PHOTO_SUBJECT },
    });
    const fit = input.photoFit!;
    const jpegKb = (fit.dataUri.length * 0.75) / 1024;
    notes.push(
      `${c.label}: ${t.id}, photo ${PHOTO.width}×${PHOTO.height} fitted to ${fit.widthPx}×${fit.heightPx} px ` +
        `(JPEG ${jpegKb.toFixed(0)} KB${fit.effectivePpi !== null ? `, ${fit.effectivePpi} ppi` : ""}) in ` +
        `${(performance.now() - t0).toFixed(0)} ms on the main thread, untimed below`,
    );
    out.push({ ...c, templateId: t.id, photoFit: fit });
  }
  return { cases: out, notes };
}
