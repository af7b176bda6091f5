// Shared by server and browser: dates in Vietnam time (UTC+7, no DST), dd/mm/yyyy.

const pad = (n: number) => String(n).padStart(2, "0");

function vn(iso: string): Date {
  return new Date(Date.parse(iso) + 7 * 3600_000);
}

export function formatDateVi(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = vn(iso);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export function formatDateTimeVi(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = vn(iso);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${formatDateVi(iso)}`;
}

/** "2026-01-31" (a plain date) → "31/01/2026". */
export function formatPlainDateVi(date: string | null | undefined): string {
  if (!date) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

export function formatMm(mm: number): string {
  return mm >= 1000 ? `${(mm / 1000).toLocaleString("vi-VN")} m` : `${mm} mm`;
}

export const PLACEMENT_LABELS_VI: Record<string, string> = {
  road: "Trục đường chính",
  office: "Trụ sở cơ quan, đơn vị",
  village_hall: "Nhà văn hóa thôn",
  crowded_place: "Khu vực đông dân cư",
  online: "Trên mạng (Fanpage, YouTube, Zalo OA)",
};
