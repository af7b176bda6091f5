// The scale of the second print file of formats over 5.08 m (decision 031), in a module of its own
// so the object keys, file names and print pages can name it without loading the PDF writer.

/** The 1:10 print file's denominator: the page drawn at a tenth of the printed size. */
export const PRINT_SCALE_DENOMINATOR = 10;

/** "TỶ LỆ 1:10 — phóng 1000% khi in": what the slug of a 1:`denominator` print file opens with. */
export function scaleNoteVi(denominator: number): string {
  return `TỶ LỆ 1:${denominator} — phóng ${denominator * 100}% khi in`;
}
