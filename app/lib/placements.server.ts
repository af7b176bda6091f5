import { SITE_KIND_LABELS_VI, SITE_KINDS } from "../../domain/placements";
import type { Role } from "../../domain/roles";
import { z } from "zod";
import {
  createPlacement,
  isPlacementError,
  listPlacements,
  PLACEMENT_LIMITS,
  type PlacementRecord,
  setPlacementActive,
  updatePlacement,
} from "../../storage/placements";
import { DEFAULT_PLAN_ID } from "../../storage/plan";
import type { User } from "../../storage/users";
import { FORMATS } from "../../templates/formats";
import { db } from "./db.server";
import { userMessage } from "./errors.server";

// The register of places (issue 13 §1): what the page shows, and its one form (add, edit, take
// out of use, bring back). Every permission and check is storage/placements's; this file only
// turns the form into its input and its refusals into a status and a Vietnamese message.

/** Who opens the register: the staff (the print shop sees places on its orders instead). */
export const PLACEMENT_READERS: readonly Role[] = ["office", "admin", "approver", "drafter"];
/** Who edits it; storage checks again from the database. */
export const PLACEMENT_EDITORS: readonly Role[] = ["office", "admin"];

/** One place as the page shows it. */
export interface PlacementView {
  id: string;
  kind: string;
  kindLabel: string;
  name: string;
  address: string;
  frameText: string;
  formatIds: string[];
  /** Vietnamese labels of the formats (the id for one removed from the catalogue). */
  formatLabels: string[];
  /** "20.950000, 106.500000", or null. */
  coordinates: string | null;
  lat: number | null;
  lng: number | null;
  note: string;
  isDemo: boolean;
  active: boolean;
}

const FORMAT_LABELS = new Map(FORMATS.map((f) => [f.id, f.label]));

function toView(p: PlacementRecord): PlacementView {
  return {
    id: p.id,
    kind: p.kind,
    kindLabel: p.kindLabel,
    name: p.name,
    address: p.address,
    frameText: p.frameText,
    formatIds: p.formatIds,
    formatLabels: p.formatIds.map((id) => FORMAT_LABELS.get(id) ?? id),
    coordinates: p.lat !== null && p.lng !== null ? `${p.lat.toFixed(6)}, ${p.lng.toFixed(6)}` : null,
    lat: p.lat,
    lng: p.lng,
    note: p.note,
    isDemo: p.isDemo,
    active: p.active,
  };
}

/** The formats a place can list, by catalogue group, for the form's checkboxes. */
export function formatChoices(): { group: string; formats: { id: string; label: string }[] }[] {
  const groups = new Map<string, { id: string; label: string }[]>();
  for (const f of FORMATS)
    groups.set(f.group, [...(groups.get(f.group) ?? []), { id: f.id, label: f.label }]);
  return [...groups].map(([group, formats]) => ({ group, formats }));
}

/** The register page: active places by kind (kinds without places left out), retired ones apart. */
export function placementsPage(user: User) {
  const all = listPlacements(db(), { planId: DEFAULT_PLAN_ID, includeInactive: true }).map(toView);
  const active = all.filter((p) => p.active);
  return {
    canEdit: PLACEMENT_EDITORS.some((r) => user.roles.includes(r)),
    groups: SITE_KINDS.map((kind) => ({
      kind,
      label: SITE_KIND_LABELS_VI[kind],
      places: active.filter((p) => p.kind === kind),
    })).filter((g) => g.places.length > 0),
    inactive: all.filter((p) => !p.active),
    demoCount: active.filter((p) => p.isDemo).length,
    kinds: SITE_KINDS.map((k) => ({ value: k, label: SITE_KIND_LABELS_VI[k] })),
    formats: formatChoices(),
    limits: PLACEMENT_LIMITS,
  };
}

export type PlacementsPageData = ReturnType<typeof placementsPage>;

/** "20,95" or "20.95" → 20.95; "" → null; anything else NaN, which storage refuses with its message. */
function degrees(raw: string | undefined): number | null {
  const s = (raw ?? "").trim().replace(",", ".");
  if (s === "") return null;
  return /^[+-]?\d{1,3}(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

const fieldsSchema = z.object({
  kind: z.string().max(40),
  name: z.string().max(4000),
  address: z.string().max(4000).optional(),
  frameText: z.string().max(4000).optional(),
  note: z.string().max(20000).optional(),
  lat: z.string().max(40).optional(),
  lng: z.string().max(40).optional(),
});

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create") }),
  z.object({ intent: z.literal("update"), id: z.string().min(1).max(100) }),
  z.object({ intent: z.enum(["deactivate", "activate"]), id: z.string().min(1).max(100) }),
]);

export type PlacementActionResult =
  | { ok: string; error: null; savedId: string; intent: string }
  | { ok: null; error: string; status: number; field: string | null; id: string | null };

function refused(e: unknown, id: string | null): PlacementActionResult {
  const message = userMessage(e);
  const code = isPlacementError(e) ? e.code : null;
  const status = code === "FORBIDDEN" ? 403 : code === "NOT_FOUND" ? 404 : code === "DUPLICATE" ? 409 : 400;
  const field = isPlacementError(e) && typeof e.details.field === "string" ? e.details.field : null;
  return { ok: null, error: message, status, field, id };
}

/**
 * The register's form: `intent` create | update (with `id` and the fields) | deactivate | activate
 * (with `id`). Fields: kind, name, address, frameText, note, lat and lng (decimal degrees, comma or
 * point), `formats` (repeated). Returns the Vietnamese outcome, or the refusal with its HTTP status
 * and the field at fault.
 */
export function placementAction(user: User, form: FormData): PlacementActionResult {
  const intent = intentSchema.safeParse(Object.fromEntries(form));
  if (!intent.success) {
    return { ok: null, error: "Thao tác không hợp lệ.", status: 400, field: null, id: null };
  }
  const actor = { userId: user.id, roles: user.roles };
  const handle = db();
  const r = intent.data;
  const id = "id" in r ? r.id : null;
  try {
    if (r.intent === "deactivate" || r.intent === "activate") {
      const p = setPlacementActive(handle, { actor, id: r.id, active: r.intent === "activate" });
      const what = p.active ? "Đã dùng lại" : "Đã ngừng sử dụng";
      return { ok: `${what} vị trí “${p.name}”.`, error: null, savedId: p.id, intent: r.intent };
    }
    const fields = fieldsSchema.safeParse(Object.fromEntries(form));
    if (!fields.success) {
      return { ok: null, error: "Thông tin vị trí gửi lên không hợp lệ.", status: 400, field: null, id };
    }
    const f = fields.data;
    const placement = {
      kind: f.kind,
      name: f.name,
      address: f.address ?? "",
      frameText: f.frameText ?? "",
      note: f.note ?? "",
      lat: degrees(f.lat),
      lng: degrees(f.lng),
      formatIds: form.getAll("formats").filter((v): v is string => typeof v === "string"),
    };
    const p =
      r.intent === "create"
        ? createPlacement(handle, { actor, planId: DEFAULT_PLAN_ID, placement })
        : updatePlacement(handle, { actor, id: r.id, placement });
    const what = r.intent === "create" ? "Đã thêm" : "Đã lưu";
    return { ok: `${what} vị trí “${p.name}”.`, error: null, savedId: p.id, intent: r.intent };
  } catch (e) {
    return refused(e, id);
  }
}
