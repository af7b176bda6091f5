import type { InstallationPhotoView } from "../../storage/installations";
import { formatPlainDateVi } from "../lib/format";

/** "2026-03-05T14:22:10" (the camera's clock) → "14:22 05/03/2026". */
export function formatCapturedVi(capturedAt: string): string {
  return `${capturedAt.slice(11, 16)} ${formatPlainDateVi(capturedAt.slice(0, 10))}`;
}

/** A kept GPS position as a link to the map (OpenStreetMap, no account, no tracking script). */
export function MapLink({ lat, lng }: { lat: number; lng: number }) {
  const href = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=18/${lat}/${lng}`;
  return (
    <a href={href} target="_blank" rel="noreferrer noopener">
      Vị trí GPS
    </a>
  );
}

/**
 * Installation photos as thumbnails (`/photos/<id>?w=400`), each opening the kept JPEG; under each,
 * when known, the time the camera recorded and the GPS position the uploader chose to keep.
 * `place` goes into each picture's text alternative.
 */
export function InstallationPhotos({ photos, place }: { photos: InstallationPhotoView[]; place: string }) {
  if (photos.length === 0) return <p className="muted">Chưa có ảnh.</p>;
  return (
    <ul className="install-photos" aria-label={`Ảnh nghiệm thu tại ${place}`}>
      {photos.map((p, i) => (
        <li key={p.id}>
          <a href={`/photos/${p.id}`} target="_blank" rel="noreferrer">
            <img
              src={`/photos/${p.id}?w=400`}
              alt={`Ảnh ${i + 1} tại ${place}${p.capturedAt ? `, chụp lúc ${formatCapturedVi(p.capturedAt)}` : ""}`}
              width={p.width}
              height={p.height}
              loading="lazy"
              decoding="async"
            />
          </a>
          {(p.capturedAt || p.lat !== null) && (
            <small>
              {p.capturedAt && <>Chụp {formatCapturedVi(p.capturedAt)}</>}
              {p.capturedAt && p.lat !== null && " · "}
              {p.lat !== null && p.lng !== null && <MapLink lat={p.lat} lng={p.lng} />}
            </small>
          )}
        </li>
      ))}
    </ul>
  );
}
