import { vnDate } from "../../domain/working-days";

// How the commune's paper writes dates, sizes and names. Times are Vietnam time (UTC+7, no DST);
// numbers use the Vietnamese decimal comma. Pure: the documents and their tests share it.

const VN_OFFSET_MS = 7 * 3600_000;
const pad = (n: number) => String(n).padStart(2, "0");

/** Hours, minutes and calendar date of an ISO instant in Vietnam. */
function vnClock(iso: string): { h: number; min: number; d: number; m: number; y: number } {
  const t = new Date(Date.parse(iso) + VN_OFFSET_MS);
  return {
    h: t.getUTCHours(),
    min: t.getUTCMinutes(),
    d: t.getUTCDate(),
    m: t.getUTCMonth() + 1,
    y: t.getUTCFullYear(),
  };
}

/** "05/03/2026" for an ISO instant (its Vietnamese calendar date) or a plain "2026-03-05". */
export function dateVi(isoOrDate: string): string {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoOrDate);
  if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}`;
  const [y, m, d] = vnDate(new Date(isoOrDate)).split("-");
  return `${d}/${m}/${y}`;
}

/** "14:05 ngày 05/03/2026" for an ISO instant. */
export function dateTimeVi(iso: string): string {
  const c = vnClock(iso);
  return `${pad(c.h)}:${pad(c.min)} ngày ${pad(c.d)}/${pad(c.m)}/${c.y}`;
}

/**
 * The place-and-date line of Decree 30/2020 (Appendix I): "Lạc Phượng, ngày 05 tháng 3 năm 2026".
 * Days under 10 and the months 1 and 2 take a leading zero; other months do not. Without a place,
 * the line starts at "Ngày".
 */
export function placeDateLine(place: string | null, iso: string): string {
  const c = vnClock(iso);
  const month = c.m <= 2 ? pad(c.m) : String(c.m);
  const date = `ngày ${pad(c.d)} tháng ${month} năm ${c.y}`;
  return place ? `${place}, ${date}` : date.charAt(0).toUpperCase() + date.slice(1);
}

/** Upper case the Vietnamese way (Ủy → ỦY), NFC. */
export function upperVi(s: string): string {
  return s.normalize("NFC").toLocaleUpperCase("vi").normalize("NFC");
}

function titleCaseVi(s: string): string {
  return s
    .toLocaleLowerCase("vi")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toLocaleUpperCase("vi") + w.slice(1))
    .join(" ");
}

/**
 * The place name of a commune-level body for the date line: "Ủy ban nhân dân xã Lạc Phượng" or
 * "ỦY BAN NHÂN DÂN XÃ LẠC PHƯỢNG" → "Lạc Phượng". Null when the name holds no "xã", "phường" or
 * "thị trấn" (the line then starts at "Ngày").
 */
export function placeFromIssuer(issuer: string): string | null {
  const m = /(?:^|\s)(?:xã|phường|thị trấn)\s+(.+)$/iu.exec(issuer.normalize("NFC").trim());
  return m ? titleCaseVi(m[1]) : null;
}

function decimalVi(n: number, digits: number): string {
  return n
    .toFixed(digits)
    .replace(/\.?0+$/, "")
    .replace(".", ",");
}

/** "1,2 MB", "734 kB", "512 B" (decimal units, as file managers show them). */
export function bytesVi(n: number): string {
  if (n >= 1e6) return `${decimalVi(n / 1e6, 1)} MB`;
  if (n >= 1e3) return `${Math.round(n / 1e3)} kB`;
  return `${n} B`;
}

/** "10000 × 1200 mm (10 × 1,2 m)": millimetres as print shops key them in, metres for people. */
export function trimSizeVi(widthMm: number, heightMm: number): string {
  const m = (mm: number) => decimalVi(mm / 1000, 3);
  return `${widthMm} × ${heightMm} mm (${m(widthMm)} × ${m(heightMm)} m)`;
}

/**
 * A job title with the unit it belongs to, said once: "Công chức Phòng Văn hóa - Xã hội" with
 * unit "Phòng Văn hóa - Xã hội" stays as it is; "Phó Chủ tịch Ủy ban nhân dân xã" with "Ủy ban
 * nhân dân xã Lạc Phượng" becomes "Phó Chủ tịch Ủy ban nhân dân xã Lạc Phượng"; otherwise the two
 * are joined with ", ". Either may be missing; "" when both are.
 */
export function titleWithUnit(title: string | null, unit: string | null): string {
  if (!title || !unit) return title ?? unit ?? "";
  if (title.includes(unit)) return title;
  const words = title.split(" ");
  for (let i = 0; i < words.length; i++) {
    const tail = words.slice(i).join(" ");
    if (unit.startsWith(`${tail} `)) return `${title}${unit.slice(tail.length)}`;
  }
  return `${title}, ${unit}`;
}
