import { slugSegment } from "./keys";

/**
 * `attachment; filename="<ascii>"; filename*=UTF-8''<pct>` (RFC 6266 + RFC 5987): browsers that
 * know filename* get the Vietnamese name, older tools get a readable ASCII fallback instead of mojibake.
 */
export function contentDisposition(downloadName: string): string {
  const name =
    downloadName
      .normalize("NFC")
      .replace(/[\r\n"\\/]/g, " ")
      .trim() || "download";
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot + 1) : "";
  const asciiStem = slugSegment(stem) || "download";
  const asciiExt = slugSegment(ext);
  const ascii = asciiExt ? `${asciiStem}.${asciiExt}` : asciiStem;
  // encodeURIComponent leaves ' ( ) * ! which RFC 5987 attr-char does not allow.
  const encoded = encodeURIComponent(name).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
