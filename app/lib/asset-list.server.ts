import { isWaitingStep, WAITING_STEPS } from "../../domain/deadlines";
import type { Role } from "../../domain/roles";
import { ASSET_STATES, type AssetState } from "../../domain/states";
import { z } from "zod";
import {
  ASSET_SORTS,
  type AssetListItem,
  type AssetSearch,
  PAGE_SIZES,
  searchAssets,
} from "../../storage/assets/search";
import type { DbHandle } from "../../storage/db";
import { listContentItems } from "../../storage/plan";
import { listUsers, type User } from "../../storage/users";
import { TEMPLATES } from "../../templates/catalog";
import { FORMATS, getFormat } from "../../templates/formats";
import { formatLabelOf, type WaitingCalendar, waitingCalendar, waitingOf } from "../../workflows/queues";
import { applyAssetEvent } from "../../workflows/service";
import { userMessage } from "./errors.server";

// The asset list's URL query (shareable filters) read into an AssetSearch, and the list's rows as
// the page shows them. A bad value in a shared link is dropped with a Vietnamese note, never a 500.
// Printers see published assets only: the server forces it, whatever the query says.

/** Roles that see assets in every state; someone holding none of them (a print shop) sees published ones only. */
const SEES_ALL: readonly Role[] = ["drafter", "office", "approver", "admin"];

export function seesPublishedOnly(user: Pick<User, "roles">): boolean {
  return !user.roles.some((r) => SEES_ALL.includes(r));
}

export const DUE_FILTERS = ["waiting", "overdue"] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

/** The filters as the form shows them back (every value valid; invalid ones were dropped). */
export interface ListQuery {
  q: string;
  item: string;
  states: AssetState[];
  format: string;
  template: string;
  drafter: string;
  due: DueFilter | "";
  sort: (typeof ASSET_SORTS)[number];
  reverse: boolean;
  page: number;
  size: number;
  /** Asset ids to show ticked (after a bulk generation), at most 200. */
  selected: string[];
}

export interface ParsedQuery {
  query: ListQuery;
  /** What reaches searchAssets; null when the filters cannot match anything (waiting ∩ states = ∅). */
  search: AssetSearch | null;
  /** One Vietnamese line per dropped value. */
  problems: string[];
}

const FIELD_LABELS_VI = {
  q: "từ khóa",
  item: "nội dung",
  states: "trạng thái",
  format: "khổ",
  template: "mẫu thiết kế",
  drafter: "người soạn",
  due: "tình trạng hạn",
  sort: "cách sắp xếp",
  reverse: "thứ tự",
  page: "trang",
  size: "số dòng mỗi trang",
  selected: "ấn phẩm được chọn",
} as const;

/** The catalogue values the filters are checked against (also the form's options). */
export interface ListOptions {
  items: { id: string; code: string; title: string }[];
  formats: { id: string; label: string }[];
  templates: { id: string; name: string }[];
  drafters: { id: string; name: string }[];
}

export function listOptions(handle: DbHandle): ListOptions {
  return {
    items: listContentItems(handle).map((i) => ({ id: i.id, code: i.code, title: i.title })),
    formats: FORMATS.map((f) => ({ id: f.id, label: f.label })),
    templates: TEMPLATES.map((t) => ({ id: t.id, name: t.name })),
    drafters: listUsers(handle)
      .filter((u) => u.roles.includes("drafter"))
      .map((u) => ({ id: u.id, name: u.displayName })),
  };
}

const oneOf = (ids: readonly string[]) => z.string().refine((v) => ids.includes(v));

function fieldSchemas(o: ListOptions) {
  return {
    q: z.string().max(200),
    item: oneOf(o.items.map((i) => i.id)),
    states: z.array(z.enum(ASSET_STATES)).max(ASSET_STATES.length),
    // Custom sizes are not in the catalogue but are formats all the same.
    format: z.string().refine((v) => {
      try {
        getFormat(v);
        return true;
      } catch {
        return false;
      }
    }),
    template: oneOf(o.templates.map((t) => t.id)),
    drafter: oneOf(o.drafters.map((d) => d.id)),
    due: z.enum(DUE_FILTERS),
    sort: z.enum(ASSET_SORTS),
    reverse: z.enum(["1"]).transform(() => true),
    page: z.coerce.number().int().min(1).max(100_000),
    size: z.coerce
      .number()
      .int()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n)),
    selected: z.array(z.string().uuid()).max(200),
  } satisfies Record<keyof ListQuery, z.ZodTypeAny>;
}

const DEFAULTS: ListQuery = {
  q: "",
  item: "",
  states: [],
  format: "",
  template: "",
  drafter: "",
  due: "",
  sort: "updated",
  reverse: false,
  page: 1,
  size: 20,
  selected: [],
};

/** A repeated key (`states=a&states=b`) or a comma list (`states=a,b`), trimmed, empties dropped. */
function listParam(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * Reads /assets?… into the list's query. Keys: q, item, states (repeated or comma list), format,
 * template, drafter, due (waiting|overdue), sort (updated|code|due|waiting), reverse=1, page
 * (1-based), size (20|50|100), selected (asset ids). An empty value means "no filter"; an invalid
 * one is dropped and named in `problems`. For a print shop `states` is always ["published"].
 * `today` is Vietnam's date ("YYYY-MM-DD") for the overdue filter.
 */
export function parseListQuery(
  url: URL,
  user: Pick<User, "roles">,
  o: ListOptions,
  today: string,
): ParsedQuery {
  const schemas = fieldSchemas(o);
  const p = url.searchParams;
  const query: ListQuery = { ...DEFAULTS };
  const problems: string[] = [];
  for (const key of Object.keys(schemas) as (keyof ListQuery)[]) {
    const multi = key === "states" || key === "selected";
    const raw = multi ? listParam(p, key) : (p.get(key) ?? "").trim();
    if (raw.length === 0) continue;
    const parsed = schemas[key].safeParse(raw);
    if (parsed.success) (query as unknown as Record<string, unknown>)[key] = parsed.data;
    else problems.push(`Bỏ qua ${FIELD_LABELS_VI[key]} không hợp lệ.`);
  }
  if (seesPublishedOnly(user)) {
    // Nothing published waits for a person or is overdue: the print shop's form offers neither.
    query.states = ["published"];
    query.due = "";
  }

  let states: AssetState[] = query.states;
  if (query.due === "waiting") {
    const waiting = Object.keys(WAITING_STEPS) as AssetState[];
    states = states.length ? states.filter((s) => waiting.includes(s)) : waiting;
    if (states.length === 0) return { query, search: null, problems };
  }
  const search: AssetSearch = {
    ...(query.q ? { text: query.q } : {}),
    ...(query.item ? { contentItemId: query.item } : {}),
    ...(states.length ? { states } : {}),
    ...(query.format ? { formatId: query.format } : {}),
    ...(query.template ? { templateId: query.template } : {}),
    ...(query.drafter ? { createdBy: query.drafter } : {}),
    ...(query.due === "overdue" ? { overdueOn: today } : {}),
    sort: query.sort,
    reverse: query.reverse,
    page: query.page,
    pageSize: query.size,
  };
  return { query, search, problems };
}

/** One row of the list, ready to show. */
export interface AssetRow {
  id: string;
  code: string;
  text: string;
  state: AssetState;
  versionId: string | null;
  formatLabel: string;
  templateName: string;
  itemCode: string | null;
  drafterName: string;
  /** "YYYY-MM-DD" or null. */
  dueOn: string | null;
  overdue: boolean;
  /** Working days at a waiting step, its reminder threshold, and whether it is past it; null elsewhere. */
  waiting: { waitedDays: number; thresholdDays: number | null; overWaiting: boolean } | null;
  /** The signed-in drafter may tick it for a bulk submit (their own draft). */
  selectable: boolean;
  /** `${id}|${versionHash}|${rowVersion}|${code}`: what the bulk submit sends back. */
  target: string;
}

const templateName = (id: string) => TEMPLATES.find((t) => t.id === id)?.name ?? id;

function toRow(
  a: AssetListItem,
  user: Pick<User, "id" | "roles">,
  now: Date,
  calendar: WaitingCalendar,
): AssetRow {
  const w = waitingOf(a, now, calendar);
  return {
    id: a.id,
    code: a.code,
    text: a.text ?? a.title,
    state: a.state,
    versionId: a.currentVersionId,
    formatLabel: formatLabelOf(a.formatId),
    templateName: templateName(a.templateId),
    itemCode: a.contentItemCode,
    drafterName: a.drafterName,
    dueOn: a.dueOn,
    overdue: w.overdue,
    waiting: isWaitingStep(a.state)
      ? { waitedDays: w.waitedDays, thresholdDays: w.thresholdDays, overWaiting: w.overWaiting }
      : null,
    selectable:
      user.roles.includes("drafter") &&
      a.createdBy === user.id &&
      a.state === "draft" &&
      a.currentVersionHash !== null,
    target: `${a.id}|${a.currentVersionHash ?? ""}|${a.rowVersion}|${a.code}`,
  };
}

/** A page of rows: `page` is clamped to the last page that has rows. */
export interface RowPage {
  rows: AssetRow[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

/** Runs the search (null: nothing can match) and shapes the rows for `user` at `now`. */
export function listRows(
  handle: DbHandle,
  search: AssetSearch | null,
  user: Pick<User, "id" | "roles">,
  now = new Date(),
): RowPage {
  const pageSize = search?.pageSize ?? DEFAULTS.size;
  if (!search) return { rows: [], total: 0, page: 1, pages: 1, pageSize };
  let result = searchAssets(handle, search);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  // A shared link to page 7 of a list that has since shrunk shows its last page, not nothing.
  if (result.page > pages && result.total > 0) result = searchAssets(handle, { ...search, page: pages });
  const calendar = waitingCalendar(handle);
  return {
    rows: result.items.map((a) => toRow(a, user, now, calendar)),
    total: result.total,
    page: result.page,
    pages,
    pageSize: result.pageSize,
  };
}

const targetSchema = z
  .string()
  .max(400)
  .transform((v) => v.split("|"))
  .pipe(
    z.tuple([
      z.string().uuid(),
      z.string().regex(/^[0-9a-f]{64}$/),
      z.coerce.number().int().min(0),
      z.string().min(1).max(100),
    ]),
  )
  .transform(([assetId, versionHash, rowVersion, code]) => ({ assetId, versionHash, rowVersion, code }));

export type SubmitTarget = z.output<typeof targetSchema>;

/** The ticked assets of a bulk form (`target` values, see AssetRow.target); null when one is malformed. Max 100. */
export function parseTargets(values: FormDataEntryValue[]): SubmitTarget[] | null {
  const out: SubmitTarget[] = [];
  for (const v of values.slice(0, 100)) {
    const t = targetSchema.safeParse(v);
    if (!t.success) return null;
    if (!out.some((o) => o.assetId === t.data.assetId)) out.push(t.data);
  }
  return out;
}

export interface SubmitOutcome {
  code: string;
  ok: boolean;
  message: string;
}

/**
 * Submits each target as `user` through the workflow service (which checks the role, the state,
 * the version and the preflight), one transaction each: a refusal of one does not stop the
 * others. Returns one outcome per target, in order, with the Vietnamese reason of each refusal.
 */
export function submitEach(
  handle: DbHandle,
  user: Pick<User, "id">,
  targets: SubmitTarget[],
): SubmitOutcome[] {
  return targets.map((t) => {
    try {
      const r = applyAssetEvent(handle, {
        assetId: t.assetId,
        event: { type: "SUBMIT", actor: { userId: user.id } },
        versionHash: t.versionHash,
        expectedRowVersion: t.rowVersion,
      });
      return { code: r.code, ok: true, message: "Đã gửi duyệt." };
    } catch (e) {
      return { code: t.code, ok: false, message: userMessage(e) };
    }
  });
}
