import { join, resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_DIGEST_TIME, DEFAULT_NOTIFIER_INTERVAL_MS } from "../jobs/notifier";
import { DEFAULT_PUBLISHER_INTERVAL_MS, DEFAULT_RETENTION_DAYS } from "../jobs/publisher";
import { AUDIT_KEY_MIN_LENGTH } from "../storage/audit/key";
import { isPostgresUrl, resolveDatabasePath } from "../storage/db/connection";
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS } from "../storage/objects/agent.server";
import { LINK_SECRET_MIN_LENGTH } from "../storage/objects/folder-store.server";
import type { ObjectStoreConfig } from "../storage/objects/index.server";
import { DEFAULT_RSS_BUDGET_MB } from "../templates/render/memory-budget";
import { defaultPoolSize, MAX_RENDER_WORKERS } from "../templates/render/pool.server";
import { ConfigError } from "./errors";

// Every environment variable the server and the CLI read, parsed here once with zod: a bad value
// stops the start with the variable's name instead of surfacing later as a broken link in a print
// file or a publisher that fails every pass. The folders below take their settings as arguments;
// README.md's configuration table documents each variable.

export { ConfigError } from "./errors";

/** Environment variables as `process.env` holds them. */
export type Env = Record<string, string | undefined>;

/** Trimmed; blank counts as unset, so `FOO=` in a unit file means the default. */
function fromEnv<T extends z.ZodTypeAny>(type: T, read: (value: string) => unknown = (value) => value) {
  return z.preprocess((v) => {
    if (typeof v !== "string") return v;
    const s = v.trim();
    return s === "" ? undefined : read(s);
  }, type);
}

// Digits only: Number() would also take "1e3", "0x10" or "Infinity".
const digits = (s: string) => (/^\d+$/.test(s) ? Number(s) : s);

function wholeNumber(min: number, max: number) {
  const message = `a whole number from ${min} to ${max}`;
  return z.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message);
}

const FLAGS: Record<string, boolean> = {
  "1": true,
  true: true,
  yes: true,
  on: true,
  "0": false,
  false: false,
  no: false,
  off: false,
};
const flagWord = (s: string) => FLAGS[s.toLowerCase()] ?? s;
const flag = z.boolean({ invalid_type_error: "1/0, true/false, yes/no or on/off" });

/** An http(s) origin and nothing else (no user, path, query or fragment), normalised by URL. */
const httpOrigin = z.string().transform((s, ctx) => {
  let url: URL | null = null;
  try {
    url = new URL(s);
  } catch {
    // reported below
  }
  const bare =
    url &&
    (url.protocol === "https:" || url.protocol === "http:") &&
    !url.username &&
    !url.password &&
    url.pathname === "/" &&
    !url.search &&
    !url.hash;
  if (!url || !bare) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "an http(s) origin such as https://xa.example.vn" });
    return z.NEVER;
  }
  return url.origin;
});

const isLinkBase = (s: string) => {
  if (s.startsWith("/")) return true;
  try {
    return /^https?:$/.test(new URL(s).protocol);
  } catch {
    return false;
  }
};

const isSmtpUrl = (s: string) => {
  try {
    const url = new URL(s);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
  } catch {
    return false;
  }
};

/** Most app nodes one database serves (APP_NODES): far beyond a province, well within PostgreSQL's connections. */
export const MAX_APP_NODES = 64;

const atLeast = (n: number) => z.string().min(n, `at least ${n} characters`);

const schema = z
  .object({
    PORT: fromEnv(wholeNumber(1, 65535).default(3000), digits),
    PUBLIC_ORIGIN: fromEnv(httpOrigin.optional()),
    TRUST_PROXY: fromEnv(wholeNumber(0, 99).default(0), digits),
    DATA_DIR: fromEnv(z.string().default("./data")),
    DATABASE_PATH: fromEnv(
      z
        .string()
        .refine((s) => !isPostgresUrl(s), "a SQLite file; a PostgreSQL URL goes in DATABASE_URL")
        .optional(),
    ),
    DATABASE_URL: fromEnv(
      z
        .string()
        .regex(/^postgres(ql)?:\/\/\S+$/i, "a PostgreSQL URL: postgres://user:password@host:5432/database")
        .optional(),
    ),
    APP_NODES: fromEnv(wholeNumber(1, MAX_APP_NODES).default(1), digits),
    RENDER_WORKERS: fromEnv(wholeNumber(0, MAX_RENDER_WORKERS).optional(), digits),
    RENDER_RSS_BUDGET_MB: fromEnv(wholeNumber(1, 65_536).default(DEFAULT_RSS_BUDGET_MB), digits),
    PUBLISHER: fromEnv(flag.default(true), flagWord),
    PUBLISHER_INTERVAL_MS: fromEnv(wholeNumber(1, 86_400_000).default(DEFAULT_PUBLISHER_INTERVAL_MS), digits),
    PUBLISH_RETENTION_DAYS: fromEnv(wholeNumber(0, 36_500).default(DEFAULT_RETENTION_DAYS), digits),
    MINIO_ENDPOINT: fromEnv(
      z
        .string()
        .regex(/^[^\s/]+$/, "a host name only, without scheme or path (use MINIO_PORT / MINIO_USE_SSL)")
        .optional(),
    ),
    MINIO_PORT: fromEnv(wholeNumber(1, 65535).optional(), digits),
    MINIO_USE_SSL: fromEnv(flag.default(false), flagWord),
    MINIO_ACCESS_KEY: fromEnv(z.string().optional()),
    MINIO_SECRET_KEY: fromEnv(z.string().optional()),
    MINIO_BUCKET: fromEnv(
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "an S3 bucket name: 3–63 of a–z, 0–9, '.' and '-'")
        .default("co-dong"),
    ),
    MINIO_REGION: fromEnv(z.string().regex(/^\S+$/, "a region name without spaces").default("us-east-1")),
    MINIO_PUBLIC_URL: fromEnv(httpOrigin.optional()),
    MINIO_CONNECT_TIMEOUT_MS: fromEnv(wholeNumber(1, 600_000).default(DEFAULT_CONNECT_TIMEOUT_MS), digits),
    MINIO_IDLE_TIMEOUT_MS: fromEnv(wholeNumber(1, 600_000).default(DEFAULT_IDLE_TIMEOUT_MS), digits),
    OBJECT_LINK_SECRET: fromEnv(atLeast(LINK_SECRET_MIN_LENGTH).optional()),
    OBJECT_LINK_BASE_URL: fromEnv(
      z.string().refine(isLinkBase, "a path such as /files/ or an http(s) URL").optional(),
    ),
    AUDIT_KEY: fromEnv(atLeast(AUDIT_KEY_MIN_LENGTH).optional()),
    SEED_DEMO_USERS: fromEnv(flag.default(true), flagWord),
    NOTIFIER: fromEnv(flag.default(true), flagWord),
    NOTIFIER_INTERVAL_MS: fromEnv(wholeNumber(1, 86_400_000).default(DEFAULT_NOTIFIER_INTERVAL_MS), digits),
    SMTP_URL: fromEnv(
      z.string().refine(isSmtpUrl, "smtp://user:pass@host:587 or smtps://user:pass@host:465").optional(),
    ),
    MAIL_FROM: fromEnv(
      z
        .string()
        .regex(
          /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/,
          "an address, or a name and <address>",
        )
        .optional(),
    ),
    SIGNING_P12_PATH: fromEnv(z.string().optional()),
    SIGNING_P12_PASSWORD: fromEnv(z.string().optional()),
    NOTIFY_DIGEST_TIME: fromEnv(
      z
        .string()
        .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, "a time of day HH:MM (24 h, Vietnam time)")
        .default(DEFAULT_DIGEST_TIME),
    ),
  })
  .superRefine((e, ctx) => {
    // E-mails carry links to the asset page; a link to localhost would reach nobody.
    if (e.SMTP_URL && !e.PUBLIC_ORIGIN)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["PUBLIC_ORIGIN"],
        message: "required with SMTP_URL",
      });
    // A key without its password (or the reverse) would only fail at the first signature.
    if (Boolean(e.SIGNING_P12_PATH) !== Boolean(e.SIGNING_P12_PASSWORD)) {
      const missing = e.SIGNING_P12_PATH ? "SIGNING_P12_PASSWORD" : "SIGNING_P12_PATH";
      const given = e.SIGNING_P12_PATH ? "SIGNING_P12_PATH" : "SIGNING_P12_PASSWORD";
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [missing], message: `required with ${given}` });
    }
    if (e.DATABASE_URL && !e.AUDIT_KEY)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["AUDIT_KEY"],
        message:
          "required with DATABASE_URL: the audit chain's key file is kept beside a SQLite file only; give every node the same key",
      });
    if (e.DATABASE_URL && e.APP_NODES > 1 && !e.MINIO_ENDPOINT)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["MINIO_ENDPOINT"],
        message:
          "required with DATABASE_URL and APP_NODES above 1: without it each node keeps objects in its own DATA_DIR folder, so a file one node publishes is missing on the others; use S3 (MinIO) shared by every node",
      });
    if (!e.MINIO_ENDPOINT) return;
    for (const name of ["MINIO_ACCESS_KEY", "MINIO_SECRET_KEY"] as const) {
      if (!e[name])
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [name], message: "required with MINIO_ENDPOINT" });
    }
  });

/** The name of every variable the schema reads. */
export const ENV_VARIABLES = Object.keys(schema.innerType().shape) as readonly string[];

/** What the server and the CLI run with; each field names the variable it comes from. */
export interface Settings {
  /** PORT: HTTP port remix-serve listens on, 1–65535; default 3000. */
  port: number;
  /** PUBLIC_ORIGIN as an origin (https://host[:port]), or null when it is not set. */
  publicOrigin: string | null;
  /**
   * The origin written into files (the verify QR on a print file's slug line): PUBLIC_ORIGIN, or
   * on embedded defaults http://localhost:PORT. Never taken from a request header.
   */
  fileOrigin: string;
  /** TRUST_PROXY: reverse proxies that append to X-Forwarded-For, 0–99; 0 ignores the header. */
  trustProxyHops: number;
  /** DATA_DIR as given (default ./data): the SQLite file's default folder and the folder store's parent. */
  dataDir: string;
  /** DATABASE_PATH, else DATA_DIR/co-dong.sqlite, as an absolute path. */
  databasePath: string;
  /** DATABASE_URL: the PostgreSQL database, or null for the SQLite file. */
  databaseUrl: string | null;
  /** What the app, CLI, seed and workers open: DATABASE_URL when set, else databasePath. */
  database: string;
  /**
   * APP_NODES: how many identical app nodes serve this database, 1–64; default 1. Above 1 with
   * DATABASE_URL the folder object store is refused (each node would have its own folder).
   */
  appNodes: number;
  /**
   * AUDIT_KEY (at least 32 characters), or undefined: the audit chain then uses the key file
   * beside the SQLite database (required with DATABASE_URL).
   */
  auditKey: string | undefined;
  /** MINIO_* (S3) when MINIO_ENDPOINT is set, else the folder store in DATA_DIR/objects (OBJECT_LINK_*). */
  objectStore: ObjectStoreConfig;
  render: {
    /** RENDER_WORKERS, 0–16; default one per core but one, 1–4. */
    workers: number;
    /** RENDER_RSS_BUDGET_MB: MB of process RSS above which a render thread collects; default 400. */
    rssBudgetMb: number;
  };
  publisher: {
    /** PUBLISHER: whether the server runs the background publisher; default true. */
    enabled: boolean;
    /** PUBLISHER_INTERVAL_MS: ms between passes, 1–86400000 (the loop raises it to 1000); default 15000. */
    intervalMs: number;
    /** PUBLISH_RETENTION_DAYS: object-lock days, 0–36500, 0 = none; default 1826. */
    retentionDays: number;
  };
  /** SEED_DEMO_USERS: whether `npm run seed` creates the demo users; default true. */
  seedDemoUsers: boolean;
  notifier: {
    /** NOTIFIER: whether the server runs the notifier (inbox, e-mail, reminders); default true. */
    enabled: boolean;
    /** NOTIFIER_INTERVAL_MS: ms between passes, 1–86400000 (the loop raises it to 1000); default 5000. */
    intervalMs: number;
    /** SMTP_URL, or null: e-mail off, in-app inbox only. */
    smtpUrl: string | null;
    /** MAIL_FROM, or null: no-reply@ the PUBLIC_ORIGIN host. */
    mailFrom: string | null;
    /** NOTIFY_DIGEST_TIME: when the daily digest goes, "HH:MM" in Vietnam; default 07:00. */
    digestTime: string;
  };
  /**
   * SIGNING_P12_PATH (as an absolute path) and SIGNING_P12_PASSWORD: the PKCS#12 key that signs
   * approval minutes (PAdES, decision 032); undefined when neither is set (minutes unsigned).
   */
  signing: { p12Path: string; password: string } | undefined;
}

/**
 * Parses `env` (process.env, or a record in tests). Throws ConfigError (CONFIG_INVALID) naming
 * every variable with a bad value, e.g. "Invalid environment: PORT: a whole number from 1 to
 * 65535", or one a combination needs (AUDIT_KEY with DATABASE_URL; MINIO_ENDPOINT with
 * DATABASE_URL and APP_NODES > 1); the message never repeats a value, since some are secrets.
 */
export function parseEnv(env: Env): Settings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const what = issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`Invalid environment: ${what}`, [...new Set(issues.map((i) => String(i.path[0])))]);
  }
  const e = parsed.data;
  const objectStore: ObjectStoreConfig = e.MINIO_ENDPOINT
    ? {
        kind: "s3",
        endPoint: e.MINIO_ENDPOINT,
        port: e.MINIO_PORT,
        useSSL: e.MINIO_USE_SSL,
        // superRefine above has made sure of both.
        accessKey: e.MINIO_ACCESS_KEY!,
        secretKey: e.MINIO_SECRET_KEY!,
        bucket: e.MINIO_BUCKET,
        region: e.MINIO_REGION,
        publicUrl: e.MINIO_PUBLIC_URL,
        connectTimeoutMs: e.MINIO_CONNECT_TIMEOUT_MS,
        idleTimeoutMs: e.MINIO_IDLE_TIMEOUT_MS,
      }
    : {
        kind: "folder",
        root: join(e.DATA_DIR, "objects"),
        linkSecret: e.OBJECT_LINK_SECRET,
        linkBaseUrl: e.OBJECT_LINK_BASE_URL,
      };
  return {
    port: e.PORT,
    publicOrigin: e.PUBLIC_ORIGIN ?? null,
    fileOrigin: e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`,
    trustProxyHops: e.TRUST_PROXY,
    dataDir: e.DATA_DIR,
    databasePath: resolveDatabasePath(e),
    databaseUrl: e.DATABASE_URL ?? null,
    database: e.DATABASE_URL ?? resolveDatabasePath(e),
    appNodes: e.APP_NODES,
    auditKey: e.AUDIT_KEY,
    objectStore,
    render: { workers: e.RENDER_WORKERS ?? defaultPoolSize(), rssBudgetMb: e.RENDER_RSS_BUDGET_MB },
    publisher: {
      enabled: e.PUBLISHER,
      intervalMs: e.PUBLISHER_INTERVAL_MS,
      retentionDays: e.PUBLISH_RETENTION_DAYS,
    },
    seedDemoUsers: e.SEED_DEMO_USERS,
    notifier: {
      enabled: e.NOTIFIER,
      intervalMs: e.NOTIFIER_INTERVAL_MS,
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM ?? null,
      digestTime: e.NOTIFY_DIGEST_TIME,
    },
    // superRefine above has made sure both are set when either is.
    signing:
      e.SIGNING_P12_PATH && e.SIGNING_P12_PASSWORD
        ? { p12Path: resolve(e.SIGNING_P12_PATH), password: e.SIGNING_P12_PASSWORD }
        : undefined,
  };
}

let cached: Settings | null = null;

/**
 * The process's settings: process.env parsed on first use, then the same object for good (the
 * object store singleton keys on it). Throws ConfigError (CONFIG_INVALID) like parseEnv.
 */
export function settings(): Settings {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env: the next settings() parses it again. */
export function resetSettings(): void {
  cached = null;
}

/**
 * What an operator should hear at start-up about defaults in effect: today, where file links point
 * while PUBLIC_ORIGIN is unset. Empty when nothing needs saying.
 */
export function startupNotes(s: Settings): string[] {
  if (s.publicOrigin) return [];
  return [
    `PUBLIC_ORIGIN is not set: verify links and QR codes in new print files point to ${s.fileOrigin}. ` +
      "Set PUBLIC_ORIGIN to the address people reach this server at.",
  ];
}

let announced = false;

/**
 * Logs startupNotes(settings()) through `log`, once per process. Silent under the test runner
 * (VITEST, which vitest sets; not a setting of the app) so test output stays readable. Throws
 * ConfigError like settings().
 */
export function announceSettings(log: (line: string) => void = console.info): void {
  const s = settings();
  if (announced || process.env.VITEST) return;
  announced = true;
  for (const line of startupNotes(s)) log(line);
}
