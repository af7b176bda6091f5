/** Longer `next` values are not something this app ever writes; they are refused, not truncated. */
const MAX_NEXT_LENGTH = 2000;

/**
 * The local path a `?next=` value may send the browser to, or null when it may not.
 *
 * A string test on the raw value cannot be right: browsers drop tabs and newlines anywhere in a URL
 * and read a backslash as a slash, so "/\t/evil.example" and "/\\evil.example" are "//evil.example"
 * to them, and dot segments turn "/.//evil.example" into the same. So the value is parsed the way a
 * browser parses it, against the app's own origin; only a URL on that origin is accepted, and what
 * is handed back is the parsed (percent-encoded, control-free) path + query + fragment, checked
 * once more for a leading "//" or "/\". A Location header built from it can never carry a control
 * character either, so a newline no longer makes the answer a 500.
 */
export function safeRedirectPath(next: unknown, origin: string): string | null {
  if (typeof next !== "string" || next === "" || next.length > MAX_NEXT_LENGTH) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(next, base.origin);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  return path;
}
