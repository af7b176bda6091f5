import exifReader from "exif-reader";

// The two facts kept from a photo's EXIF (decision 033): when it was taken, and, only when the
// uploader asks, where. Everything else (camera serial, owner name, maker notes, thumbnails) is
// dropped with the re-encode.

export interface PhotoFacts {
  /** DateTimeOriginal (else DateTimeDigitized) as "YYYY-MM-DDTHH:MM:SS", the camera's wall clock, no zone. */
  capturedAt: string | null;
  /** WGS 84 degrees, 6 decimals (about 0.1 m); both or neither. */
  lat: number | null;
  lng: number | null;
}

const NONE: PhotoFacts = { capturedAt: null, lat: null, lng: null };

// exif-reader turns "2026:03:05 14:22:10" into a Date at that wall time in UTC; read it back as such.
function wallClock(d: unknown): string | null {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) return null;
  const year = d.getUTCFullYear();
  // A camera whose clock was never set writes 1970 or 2000-01-01; a date past 2100 is noise.
  if (year < 2001 || year > 2100) return null;
  return d.toISOString().slice(0, 19);
}

function degrees(dms: unknown, ref: unknown, negative: string, limit: number): number | null {
  if (
    !Array.isArray(dms) ||
    dms.length === 0 ||
    !dms.every((n) => typeof n === "number" && Number.isFinite(n))
  )
    return null;
  const [d, m = 0, s = 0] = dms as number[];
  let value = d + m / 60 + s / 3600;
  if (typeof ref === "string" && ref.trim().toUpperCase() === negative) value = -value;
  if (!(Math.abs(value) <= limit)) return null;
  return Math.round(value * 1e6) / 1e6;
}

/**
 * Capture time and GPS position from a raw EXIF block (as sharp's `metadata().exif` gives it:
 * "Exif\0\0" + TIFF, or bare TIFF). `keepLocation` false leaves lat/lng null whatever the block
 * holds. A missing or damaged block gives nulls, never an error: the photo itself is the proof.
 */
export function photoFacts(exif: Buffer | undefined, keepLocation: boolean): PhotoFacts {
  if (!exif || exif.length < 8) return NONE;
  let parsed: ReturnType<typeof exifReader>;
  try {
    parsed = exifReader(exif);
  } catch {
    return NONE;
  }
  const capturedAt = wallClock(parsed.Photo?.DateTimeOriginal) ?? wallClock(parsed.Photo?.DateTimeDigitized);
  if (!keepLocation) return { capturedAt, lat: null, lng: null };
  const gps = parsed.GPSInfo;
  const lat = degrees(gps?.GPSLatitude, gps?.GPSLatitudeRef, "S", 90);
  const lng = degrees(gps?.GPSLongitude, gps?.GPSLongitudeRef, "W", 180);
  // Some phones write 0/0 when they had no fix: that is no position, not a place at sea.
  if (lat === null || lng === null || (lat === 0 && lng === 0)) return { capturedAt, lat: null, lng: null };
  return { capturedAt, lat, lng };
}
