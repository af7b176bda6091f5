import type { ObjectStoreConfig } from "../../storage/objects/index.server";

// A scheme, a host (name, IPv4 or bracketed IPv6) and an optional port — nothing that could end a
// CSP directive or add a source to it (";", ",", spaces, quotes, "*").
const SAFE_ORIGIN = /^https?:\/\/(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return SAFE_ORIGIN.test(u.origin) ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The origins the object store's download links point to, from configuration only (never from a
 * request). The print library's "Tải file in" form POSTs to this app, which answers with a
 * redirect to such a link; the page's CSP `form-action` must allow its origin, or Chromium
 * refuses to follow the redirect and the click does nothing.
 *
 * - S3: MINIO_PUBLIC_URL's origin (presigned links are signed for that host), else the endpoint's
 *   (MINIO_USE_SSL, MINIO_ENDPOINT, MINIO_PORT), as the store signs them.
 * - Folder store: nothing for the default same-origin `/files/`; the origin of an absolute
 *   OBJECT_LINK_BASE_URL.
 *
 * An origin that could break out of the CSP directive (";", spaces, "*"…) gives none: a bad value
 * is for the store to report, never a way to widen the policy. `config` is the parsed settings'
 * `objectStore`. Returns zero or one origin; never throws.
 */
export function objectLinkOrigins(config: ObjectStoreConfig): string[] {
  let origin: string | null;
  if (config.kind === "s3") {
    if (config.publicUrl) origin = originOf(config.publicUrl);
    else {
      const host = config.endPoint.includes(":") ? `[${config.endPoint}]` : config.endPoint;
      const port = config.port ? `:${config.port}` : "";
      origin = originOf(`${config.useSSL ? "https" : "http"}://${host}${port}`);
    }
  } else {
    origin =
      config.linkBaseUrl && /^https?:\/\//i.test(config.linkBaseUrl) ? originOf(config.linkBaseUrl) : null;
  }
  return origin ? [origin] : [];
}
