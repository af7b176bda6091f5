// PDF resources for the SVG→PDF writer. One resource dictionary is shared by the page and every
// form XObject (each references it), so names are unique across the whole page: constant-alpha and
// soft-mask ExtGStates (alpha ones deduplicated), XObjects (images, transparency groups, mask forms,
// pattern tiles), shadings, and `form()` which writes a compressed form XObject with the right
// transparency group. This is the only module here that builds pdf-lib objects besides image embedding.
import { type PDFDict, type PDFDocument, PDFName, type PDFRef } from "pdf-lib";
import { nodeFlateStream } from "../flate";
import { fmt } from "./matrix";

/** The page's resource dictionary: ExtGStates (alpha, soft masks), XObjects, shadings, and form streams. */
export class PdfResources {
  readonly ref: PDFRef;
  private readonly extG: PDFDict;
  private readonly xobj: PDFDict;
  private readonly shading: PDFDict;
  private n = 0;
  private readonly alphaNames = new Map<string, string>();
  constructor(readonly doc: PDFDocument) {
    const ctx = doc.context;
    this.extG = ctx.obj({});
    this.xobj = ctx.obj({});
    this.shading = ctx.obj({});
    const dict = ctx.obj({ ProcSet: ["PDF", "ImageB", "ImageC"] });
    dict.set(PDFName.of("ExtGState"), this.extG);
    dict.set(PDFName.of("XObject"), this.xobj);
    dict.set(PDFName.of("Shading"), this.shading);
    this.ref = ctx.register(dict);
  }
  private name(prefix: string) {
    this.n += 1;
    return `${prefix}${this.n}`;
  }
  alpha(fill: number, stroke: number): string {
    const key = `${fmt(fill)}:${fmt(stroke)}`;
    let name = this.alphaNames.get(key);
    if (!name) {
      name = this.name("GA");
      this.extG.set(PDFName.of(name), this.doc.context.obj({ Type: "ExtGState", ca: fill, CA: stroke }));
      this.alphaNames.set(key, name);
    }
    return name;
  }
  softMask(formRef: PDFRef, luminosity: boolean): string {
    const name = this.name("GM");
    this.extG.set(
      PDFName.of(name),
      this.doc.context.obj({
        Type: "ExtGState",
        SMask: { Type: "Mask", S: luminosity ? "Luminosity" : "Alpha", G: formRef },
      }),
    );
    return name;
  }
  xobject(ref: PDFRef, prefix = "X"): string {
    const name = this.name(prefix);
    this.xobj.set(PDFName.of(name), ref);
    return name;
  }
  shadingRef(ref: PDFRef): string {
    const name = this.name("SH");
    this.shading.set(PDFName.of(name), ref);
    return name;
  }
  form(content: string, bbox: [number, number, number, number], group: "none" | "isolated" | "mask"): PDFRef {
    const dict: Record<string, unknown> = {
      Type: "XObject",
      Subtype: "Form",
      BBox: bbox.map((v) => Math.round(v * 1000) / 1000),
      Resources: this.ref,
    };
    if (group === "mask") dict.Group = { Type: "Group", S: "Transparency", CS: "DeviceRGB" };
    if (group === "isolated") dict.Group = { Type: "Group", S: "Transparency" };
    const stream = nodeFlateStream(this.doc.context, content, dict);
    return this.doc.context.register(stream);
  }
}
