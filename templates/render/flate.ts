import { deflateSync } from "node:zlib";
import { type PDFContext, type PDFDict, PDFRawStream } from "pdf-lib";

/**
 * A FlateDecode stream compressed with Node's zlib. pdf-lib's own `flateStream` uses pako, a
 * JavaScript zlib that took ~4× longer on our content streams (docs/decisions/050).
 */
export function nodeFlateStream(
  context: PDFContext,
  content: string | Uint8Array,
  dict: Record<string, unknown> = {},
) {
  const bytes = typeof content === "string" ? Buffer.from(content, "latin1") : content;
  // biome-ignore lint/suspicious/noExplicitAny: pdf-lib's LiteralObject accepts this nesting
  const d = context.obj({ ...dict, Filter: "FlateDecode" } as any) as unknown as PDFDict;
  return PDFRawStream.of(d, deflateSync(bytes, { level: 6 }));
}
