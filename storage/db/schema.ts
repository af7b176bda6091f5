import type { Generated } from "kysely";
import type { Placement, SiteKind } from "../../domain/placements";
import type { OrderStatus } from "../../domain/print-orders";
import type { SocialChannel } from "../../domain/social";
import type { AuditAction } from "../../domain/decisions";
import type { EmailNotifyMode } from "../../domain/email";
import type { ReasonCode } from "../../domain/reasons";
import type { ActorRole, Role } from "../../domain/roles";
import type { AssetState } from "../../domain/states";

// Kysely row types, kept by hand beside storage/migrations: a migration that changes a table
// must change its interface here in the same commit.

/** Migration 008 adds "pdf_scaled": the 1:10 print file of formats over 5.08 m (issue 13 §2). */
export type FileKind = "pdf" | "pdf_scaled" | "png" | "svg";
export type UnitKind =
  | "government"
  | "department"
  | "office"
  | "center"
  | "front"
  | "group"
  | "external"
  | "print_shop";

export interface UnitsTable {
  id: string;
  name: string;
  short_name: string | null;
  kind: UnitKind;
  aliases_json: string;
  sort_order: number;
}

export interface PlansTable {
  id: string;
  code: string;
  year: number;
  number: string | null;
  issued_on: string | null;
  issuing_unit_id: string;
  title: string;
  theme: string;
  signer_name: string | null;
  signer_title: string | null;
  source_file: string | null;
}

export interface PlanReferencesTable {
  id: string;
  plan_id: string;
  sort_order: number;
  number: string;
  issued_on: string | null;
  issuer: string;
  title: string;
}

export interface ContentItemsTable {
  id: string;
  plan_id: string;
  code: string;
  sort_order: number;
  title: string;
  text: string;
}

export interface TasksTable {
  id: string;
  plan_id: string;
  number: number;
  title: string;
  text: string;
  lead_unit_id: string;
  /** The table's own wording ("Phòng VH-XH"), kept beside the resolved unit ids. */
  lead_text: string;
  cooperating_text: string;
  time_text: string;
  due_date: string | null;
  product: string;
}

export interface TaskUnitsTable {
  task_id: string;
  unit_id: string;
  sort_order: number;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  job_title: string | null;
  unit_id: string | null;
  password_hash: string;
  active: number;
  created_at: string;
  updated_at: string;
  /** Migration 006: lower-case, unique when set; NULL = in-app notices only. */
  email: string | null;
  /** Migration 006: how this person hears by e-mail (default 'instant'). */
  email_notify: Generated<EmailNotifyMode>;
}

export interface UserRolesTable {
  user_id: string;
  role: Role;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  expires_at: string;
  created_at: string;
}

export interface SlogansTable {
  id: string;
  plan_id: string;
  content_item_id: string | null;
  text: string;
  is_theme: number;
  origin: "seed" | "user";
  created_by: string | null;
  created_at: string;
}

export interface AssetsTable {
  id: string;
  code: string;
  plan_id: string;
  content_item_id: string | null;
  slogan_id: string | null;
  template_id: string;
  format_id: string;
  title: string;
  created_by: string;
  state: AssetState;
  snapshot_json: string;
  /** Machine that wrote snapshot_json and its version (migration 004); NULL on rows written before it = version 1. */
  machine_id: string | null;
  machine_version: number | null;
  row_version: number;
  current_version_id: string | null;
  placement: Placement | null;
  quantity: number | null;
  material_hint: string | null;
  created_at: string;
  updated_at: string;
  /** Migration 007: the plan task this asset serves (its due date is the default deadline). */
  task_id: string | null;
  /** Migration 007: "cần hoàn thành trước", ISO date (inclusive, Vietnam time); NULL = none. */
  due_on: string | null;
  /** Migration 007: foldVi(code, title, current text, subtitle), kept by storage/assets/search-key.ts. */
  search_key: Generated<string>;
}

export interface AssetVersionsTable {
  id: string;
  asset_id: string;
  n: number;
  text: string;
  subtitle: string | null;
  options_json: string;
  content_hash: string;
  verify_code: string;
  created_by: string;
  created_at: string;
  /** JSON StoredPreflight (storage/assets/preflight.ts); NULL for versions made before migration 003. */
  preflight_json: string | null;
}

export interface VersionFilesTable {
  version_id: string;
  kind: FileKind;
  bytes: Buffer;
  sha256: string;
  size: number;
}

export interface CommentsTable {
  id: string;
  asset_id: string;
  version_id: string | null;
  author_id: string;
  body: string;
  pin_x: number | null;
  pin_y: number | null;
  created_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  asset_id: string | null;
  version_id: string | null;
  actor_user_id: string | null;
  actor_role: ActorRole;
  action: AuditAction;
  from_state: AssetState | null;
  to_state: AssetState | null;
  reason_code: ReasonCode | null;
  reason_text: string | null;
  comment: string | null;
  version_hash: string | null;
  at: string;
  prev_hash: string;
  hash: string;
}

/** One row (id 1), migration 005: where keyed hashing of audit_events begins (decision 061). */
export interface AuditChainTable {
  id: number;
  /** Rows with this id and above are HMAC-SHA256 under the audit key; rows below, plain SHA-256. */
  first_keyed_id: number;
  /** Hash of the last unkeyed row when the checkpoint was made (64 zeros if none). */
  legacy_head_hash: string;
  /** HMAC of a fixed label under the key: tells a wrong key from an edited row. */
  key_check: string;
  /** HMAC over first_keyed_id and legacy_head_hash under the key. */
  seal: string;
  created_at: string;
}

export type OutboxStatus = "pending" | "processing" | "done" | "dead";

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  payload_json: string;
  dedupe_key: string | null;
  status: OutboxStatus;
  attempts: number;
  max_attempts: number;
  available_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** Migration 006: the in-app inbox, one row per person per event (decision 080). */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: string;
  asset_id: string | null;
  /** The decision this entry is about; exactly one of audit_id and comment_id is set. */
  audit_id: number | null;
  comment_id: string | null;
  /** The audit action ("SUBMIT", "RETURN" …) or "COMMENT". */
  kind: string;
  title: string;
  summary: string;
  /** Path inside the app, starting with "/" (the asset page). */
  link_path: string;
  created_at: string;
  read_at: string | null;
}

export type DeliveryStatus = "pending" | "sent" | "failed" | "skipped";
export type DeliveryBatch = "instant" | "digest";

/** Migration 006: one row per inbox entry and channel; UNIQUE(notification_id, channel). */
export interface NotificationDeliveriesTable {
  id: Generated<number>;
  notification_id: number;
  /** "email"; a Zalo OA channel would add "zalo". */
  channel: string;
  batch: DeliveryBatch;
  status: DeliveryStatus;
  attempts: number;
  /** Where it was sent (set when sent or failed for good). */
  address: string | null;
  message_id: string | null;
  sent_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface DownloadsTable {
  id: string;
  asset_id: string;
  version_id: string;
  user_id: string;
  file_kind: FileKind;
  at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface PrintConfirmationsTable {
  id: string;
  asset_id: string;
  version_id: string;
  user_id: string;
  status: "printed" | "delivered";
  quantity: number | null;
  note: string | null;
  at: string;
  /** Migration 009: the order line this confirmation is for; NULL for confirmations outside an order. */
  order_line_id: string | null;
}

/** Migration 009: the plan's register of physical places (issue 13 §1). */
export interface PlacementsTable {
  id: string;
  plan_id: string;
  kind: SiteKind;
  name: string;
  /** Address or road segment ("ĐT 419, từ cầu … đến …"). */
  address: Generated<string>;
  /** WGS 84 degrees; both or neither. */
  lat: number | null;
  lng: number | null;
  /** The frame there, in words ("khung 1,2 × 10 m"). */
  frame_text: Generated<string>;
  /** JSON array of format ids whose files fit the frame. */
  format_ids_json: Generated<string>;
  note: Generated<string>;
  /** 1 = seeded demo place, shown as such; never an official name. */
  is_demo: Generated<number>;
  active: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Migration 009: an order to one print shop (issue 13 §2). */
export interface PrintOrdersTable {
  id: string;
  /** "DI-2026-001" (domain/print-orders.ts orderCode). */
  code: string;
  plan_id: string;
  /** A unit of kind print_shop. */
  printer_unit_id: string;
  /** ISO date the order must be delivered by; NULL = none. */
  deliver_by: string | null;
  note: Generated<string>;
  status: Generated<OrderStatus>;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Migration 009: one published version × quantity in an order; UNIQUE(order_id, asset_id). */
export interface PrintOrderLinesTable {
  id: string;
  order_id: string;
  sort_order: number;
  asset_id: string;
  /** The version that was published when the line was ordered: the file the shop prints. */
  version_id: string;
  quantity: number;
  material: Generated<string>;
  note: Generated<string>;
  /** ISO dates from the print shop's confirmations; delivered implies printed. */
  printed_on: string | null;
  delivered_on: string | null;
}

/** Migration 009: where a line's copies go, and how many to each place. */
export interface PrintOrderLinePlacementsTable {
  line_id: string;
  placement_id: string;
  quantity: Generated<number>;
}

/** Migration 009: a line's copy hung at a place (nghiệm thu), and when it came down. */
export interface InstallationsTable {
  id: string;
  line_id: string;
  placement_id: string;
  asset_id: string;
  version_id: string;
  installed_on: string;
  removed_on: string | null;
  note: Generated<string>;
  installed_by: string;
  removed_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Migration 009: a re-encoded JPEG (EXIF stripped) in the object store proving an installation. */
export interface InstallationPhotosTable {
  id: string;
  installation_id: string;
  asset_id: string;
  object_key: string;
  sha256: string;
  size: number;
  width: number;
  height: number;
  content_type: "image/jpeg";
  /** From EXIF DateTimeOriginal when the photo had it (ISO, local time as recorded). */
  captured_at: string | null;
  /** Only when the uploader ticked "keep the location"; both or neither. */
  lat: number | null;
  lng: number | null;
  uploaded_by: string;
  created_at: string;
}

/** Migration 009: what the admin expects per content item (issue 13 §5). */
export interface PlanTargetsTable {
  plan_id: string;
  content_item_id: string;
  banners: Generated<number>;
  posters: Generated<number>;
  social_posts: Generated<number>;
  updated_by: string | null;
  updated_at: string;
}

/** Migration 009: a published social asset posted on a channel ("đã đăng"). */
export interface SocialPostsTable {
  id: string;
  asset_id: string;
  version_id: string;
  channel: SocialChannel;
  url: string;
  posted_on: string;
  note: Generated<string>;
  recorded_by: string;
  created_at: string;
}

/** Migration 010: one image of the media library (thư viện ảnh), content-addressed by sha256. */
export interface MediaTable {
  id: string;
  sha256: string;
  kind: "photo" | "logo";
  content_type: "image/jpeg" | "image/png" | "image/svg+xml";
  /** What the upload was, by its bytes (photos are stored re-encoded as JPEG). */
  source_type: "jpeg" | "png" | "webp" | "svg";
  object_key: string;
  size: number;
  /** Pixels (upright), or the SVG's viewBox size rounded. */
  width: number;
  height: number;
  caption: string;
  credit: string;
  /** Focal point as fractions 0–1 of width and height. */
  focus_x: number;
  focus_y: number;
  focus_source: "auto" | "manual";
  uploaded_by: string;
  uploaded_at: string;
  updated_at: string;
  /** Hidden from pickers; the row stays because versions refer to it. */
  retired_at: string | null;
}

/** Migration 010: the content items a media row is tagged with (the editor's picker filters by them). */
export interface MediaTagsTable {
  media_id: string;
  content_item_id: string;
}

/**
 * Migration 011: the sign-in limits' counts, shared by every app node (rate-limiter-flexible's
 * table; app/lib/login-limit.server.ts).
 */
export interface LoginLimitsTable {
  /** "login:<stage>:<tier>:<key>", at most 255 characters. */
  key: string;
  /** Points spent in the current window. */
  points: number;
  /** When the window ends, Unix time in ms; null never. */
  expire: number | null;
}

export interface SchemaMigrationsTable {
  id: string;
  applied_at: string;
}

/** Migration 007: what the admin tunes without a release (reminder thresholds, holidays). */
export interface SettingsTable {
  key: string;
  value_json: string;
  updated_by: string | null;
  updated_at: string;
}

export interface Database {
  units: UnitsTable;
  plans: PlansTable;
  plan_references: PlanReferencesTable;
  content_items: ContentItemsTable;
  tasks: TasksTable;
  task_units: TaskUnitsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  slogans: SlogansTable;
  assets: AssetsTable;
  media: MediaTable;
  media_tags: MediaTagsTable;
  asset_versions: AssetVersionsTable;
  version_files: VersionFilesTable;
  comments: CommentsTable;
  audit_events: AuditEventsTable;
  audit_chain: AuditChainTable;
  outbox: OutboxTable;
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  downloads: DownloadsTable;
  print_confirmations: PrintConfirmationsTable;
  placements: PlacementsTable;
  print_orders: PrintOrdersTable;
  print_order_lines: PrintOrderLinesTable;
  print_order_line_placements: PrintOrderLinePlacementsTable;
  installations: InstallationsTable;
  installation_photos: InstallationPhotosTable;
  plan_targets: PlanTargetsTable;
  social_posts: SocialPostsTable;
  settings: SettingsTable;
  login_limits: LoginLimitsTable;
  schema_migrations: SchemaMigrationsTable;
}
