import { isSiteKind, type SiteKind } from "../../domain/placements";
import { isWorkflowError } from "../../domain/workflow-error";
import { getFormat } from "../../templates/formats";
import { cleanField } from "../text";
import { PlacementError } from "./errors";

/** Lengths in code points after cleaning, as migration 009's CHECKs allow; forms use them as maxLength. */
export const PLACEMENT_LIMITS = { name: 200, address: 300, frameText: 200, note: 2000, formats: 30 } as const;

/** What a person types for a place; strings are cleaned, numbers are WGS 84 degrees. */
export interface PlacementInput {
  kind: string;
  name: string;
  address?: string | null;
  lat?: number | null;
  lng?: number | null;
  frameText?: string | null;
  formatIds?: readonly string[];
  note?: string | null;
}

/** A place's fields as stored: cleaned text ("" for none), both coordinates or neither, known format ids. */
export interface CleanPlacement {
  kind: SiteKind;
  name: string;
  address: string;
  lat: number | null;
  lng: number | null;
  frameText: string;
  formatIds: string[];
  note: string;
}

function invalid(field: string, messageVi: string): PlacementError {
  return new PlacementError("INVALID_INPUT", `invalid ${field}`, messageVi, { field });
}

/**
 * A typed text field run through the house's cleaner (storage/text.ts): one line unless
 * `multiline`, "" allowed unless `required`, at most `maxChars` code points. The cleaner's refusal
 * (it names the field, the character and where it stands) is thrown as `fail(messageVi)`.
 */
export function fieldText(
  raw: string | null | undefined,
  labelVi: string,
  maxChars: number,
  fail: (messageVi: string) => Error,
  opts: { required?: boolean; multiline?: boolean } = {},
): string {
  try {
    return cleanField(raw ?? "", {
      field: labelVi,
      maxChars,
      allowEmpty: !opts.required,
      multiline: opts.multiline ?? false,
      checkMarks: false,
    }).text;
  } catch (e) {
    if (isWorkflowError(e)) throw fail(e.messageVi);
    throw e;
  }
}

function text(
  raw: string | null | undefined,
  field: string,
  labelVi: string,
  maxChars: number,
  opts: { required?: boolean; multiline?: boolean } = {},
): string {
  return fieldText(raw, labelVi, maxChars, (m) => invalid(field, m), opts);
}

function coordinate(value: number | null | undefined, field: "lat" | "lng"): number | null {
  if (value == null) return null;
  const limit = field === "lat" ? 90 : 180;
  if (!Number.isFinite(value) || Math.abs(value) > limit) {
    const what = field === "lat" ? "Vĩ độ" : "Kinh độ";
    throw invalid(field, `${what} phải là một số từ −${limit} đến ${limit} (độ thập phân, ví dụ 20.95).`);
  }
  return value;
}

function formatIds(ids: readonly string[] | undefined): string[] {
  const unique = [...new Set((ids ?? []).map((id) => id.trim()).filter(Boolean))];
  if (unique.length > PLACEMENT_LIMITS.formats) {
    throw invalid("formatIds", `Chọn tối đa ${PLACEMENT_LIMITS.formats} khổ cho một vị trí.`);
  }
  for (const id of unique) {
    try {
      getFormat(id);
    } catch {
      throw invalid("formatIds", `Khổ “${id.slice(0, 60)}” không có trong danh mục khổ.`);
    }
  }
  return unique;
}

/**
 * Checks and cleans a place's fields. Throws PlacementError INVALID_INPUT with `details.field`
 * and a Vietnamese message: unknown kind, empty or over-long name, a character the text cleaner
 * refuses, one coordinate without the other or out of range, a format id not in the catalogue.
 */
export function parsePlacementInput(input: PlacementInput): CleanPlacement {
  if (!isSiteKind(input.kind)) throw invalid("kind", "Hãy chọn loại vị trí trong danh sách.");
  const name = text(input.name, "name", "Tên vị trí", PLACEMENT_LIMITS.name, { required: true });
  const lat = coordinate(input.lat, "lat");
  const lng = coordinate(input.lng, "lng");
  if ((lat === null) !== (lng === null)) {
    throw invalid(lat === null ? "lat" : "lng", "Tọa độ cần đủ cả vĩ độ và kinh độ, hoặc để trống cả hai.");
  }
  return {
    kind: input.kind,
    name,
    address: text(input.address, "address", "Địa chỉ hoặc đoạn đường", PLACEMENT_LIMITS.address),
    lat,
    lng,
    frameText: text(input.frameText, "frameText", "Khung, kích thước", PLACEMENT_LIMITS.frameText),
    formatIds: formatIds(input.formatIds),
    note: text(input.note, "note", "Ghi chú", PLACEMENT_LIMITS.note, { multiline: true }),
  };
}
