// Vietnamese-aware matching: people search "thu tuc hanh chinh" (an input method left on English,
// or a phone without Telex) and expect "thủ tục hành chính". Folding both sides the same way makes
// a search without marks find text with marks, while a search with marks still matches itself.

/**
 * The search key of a text: NFD, combining marks removed (tone and vowel marks), đ/Đ → d, lower
 * case, runs of whitespace → one space, trimmed. "Thủ tục HÀNH CHÍNH" → "thu tuc hanh chinh".
 * Pure; the same function builds stored keys and query keys so they can never disagree.
 */
export function foldVi(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The stored search key of an asset: its code, title, current slogan text and subtitle, folded
 * and joined by spaces (missing parts skipped). Kept in assets.search_key (migration 007).
 */
export function assetSearchKey(parts: readonly (string | null | undefined)[]): string {
  return foldVi(parts.filter(Boolean).join(" "));
}
