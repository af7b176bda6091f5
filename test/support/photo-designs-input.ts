// For tests that render every design × format: a design with a photo slot refuses to render
// without a photo (PHOTO_REQUIRED), so its input gets the generated test photo, fitted to its slot
// the way the app fits one (fitPhotoInput). Designs without a slot get their input unchanged.
import { getTemplate } from "../../templates/catalog";
import { fitPhotoInput } from "../../templates/photo/fit.server";
import type { RenderInput } from "../../templates/types";
import { makeTestPhoto, TEST_PHOTO_SUBJECT } from "./photo-fixture";

let photo: Promise<Uint8Array> | undefined;

/** The photo every such render uses: one deterministic 1600 × 1200 scene, made once per process. */
function testPhoto(): Promise<Uint8Array> {
  photo ??= makeTestPhoto({ width: 1600, height: 1200 }).then((b) => new Uint8Array(b));
  return photo;
}

/**
 * `input` ready to render `templateId` × `formatId`: with `photoFit` set (the test photo, focal
 * point on its subject) when the design has a photo slot, as given otherwise. The photo is fitted
 * at full size for print formats, so a print test sees the photo its file would embed.
 */
export async function withTestPhoto(
  templateId: string,
  formatId: string,
  input: RenderInput,
): Promise<RenderInput> {
  if (!getTemplate(templateId).photo) return input;
  return fitPhotoInput(templateId, formatId, {
    ...input,
    photo: { bytes: await testPhoto(), focus: TEST_PHOTO_SUBJECT },
  });
}
