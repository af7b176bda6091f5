/**
 * A version's 320 px thumbnail (`/img/<versionId>/thumb`, made from the approved PNG proof) for
 * lists; a grey box with the format's name when there is no version yet. `alt` should say what
 * the picture shows (the slogan), since the list's link text is the code.
 */
export function Thumbnail({
  versionId,
  alt,
  formatLabel,
  className = "thumb",
}: {
  versionId: string | null;
  alt: string;
  formatLabel: string;
  className?: string;
}) {
  if (!versionId) {
    return (
      <span className={`${className} thumb-empty`} role="img" aria-label={`${formatLabel}: chưa có hình`}>
        {formatLabel}
      </span>
    );
  }
  return (
    <img className={className} src={`/img/${versionId}/thumb`} alt={alt} loading="lazy" decoding="async" />
  );
}
