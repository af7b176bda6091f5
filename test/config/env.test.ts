import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  announceSettings,
  ConfigError,
  ENV_VARIABLES,
  type Env,
  parseEnv,
  resetSettings,
  settings,
  startupNotes,
} from "../../config/env.server";
import { defaultPoolSize } from "../../templates/render/pool.server";
import { REPO_ROOT } from "../support/db";
import { setEnv } from "../support/env";

// config/env.server.ts is the one reader of the environment: every variable parsed once with its
// type, default and bounds, a bad value refused with the variable's name (CONFIG_INVALID), and
// nothing else in the house reading process.env behind its back.

/** The ConfigError parseEnv throws for `env`; fails the test when it accepts it. */
function refusal(env: Env): ConfigError {
  try {
    parseEnv(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

const S3 = { MINIO_ENDPOINT: "minio.local", MINIO_ACCESS_KEY: "access", MINIO_SECRET_KEY: "secret" };

describe("defaults", () => {
  it("an empty environment is the embedded single-box setup", () => {
    expect(parseEnv({})).toEqual({
      port: 3000,
      publicOrigin: null,
      fileOrigin: "http://localhost:3000",
      trustProxyHops: 0,
      dataDir: "./data",
      databasePath: path.resolve("data/co-dong.sqlite"),
      databaseUrl: null,
      database: path.resolve("data/co-dong.sqlite"),
      appNodes: 1,
      auditKey: undefined,
      objectStore: {
        kind: "folder",
        root: path.join("data", "objects"),
        linkSecret: undefined,
        linkBaseUrl: undefined,
      },
      render: { workers: defaultPoolSize(), rssBudgetMb: 400 },
      publisher: { enabled: true, intervalMs: 15_000, retentionDays: 1826 },
      seedDemoUsers: true,
      notifier: { enabled: true, intervalMs: 5000, smtpUrl: null, mailFrom: null, digestTime: "07:00" },
    });
  });

  it("SMTP_URL turns e-mail on, and needs PUBLIC_ORIGIN for the links", () => {
    const on = {
      SMTP_URL: "smtps://thu:mật-khẩu@mail.lacphuong.gov.vn:465",
      PUBLIC_ORIGIN: "https://codong.lacphuong.gov.vn",
    };
    expect(
      parseEnv({ ...on, MAIL_FROM: "Cổ động <co-dong@lacphuong.gov.vn>", NOTIFY_DIGEST_TIME: "16:30" })
        .notifier,
    ).toEqual({
      enabled: true,
      intervalMs: 5000,
      smtpUrl: on.SMTP_URL,
      mailFrom: "Cổ động <co-dong@lacphuong.gov.vn>",
      digestTime: "16:30",
    });
    expect(() => parseEnv({ SMTP_URL: on.SMTP_URL })).toThrow(/PUBLIC_ORIGIN: required with SMTP_URL/);
  });

  it("a blank or all-space value counts as unset", () => {
    const blank = Object.fromEntries(ENV_VARIABLES.map((name, i) => [name, i % 2 ? "" : "  "]));
    expect(parseEnv(blank)).toEqual(parseEnv({}));
  });

  it("MINIO_ENDPOINT selects S3 with the documented defaults", () => {
    expect(parseEnv(S3).objectStore).toEqual({
      kind: "s3",
      endPoint: "minio.local",
      port: undefined,
      useSSL: false,
      accessKey: "access",
      secretKey: "secret",
      bucket: "co-dong",
      region: "us-east-1",
      publicUrl: undefined,
      connectTimeoutMs: 2000,
      idleTimeoutMs: 10_000,
    });
  });
});

describe("values", () => {
  it("takes every variable, trimmed, in its own type", () => {
    const s = parseEnv({
      PORT: " 8080 ",
      PUBLIC_ORIGIN: " https://CoDong.LacPhuong.gov.vn/ ",
      TRUST_PROXY: "1",
      DATA_DIR: "/srv/co-dong",
      RENDER_WORKERS: "0",
      RENDER_RSS_BUDGET_MB: "300",
      PUBLISHER: "off",
      PUBLISHER_INTERVAL_MS: "300",
      PUBLISH_RETENTION_DAYS: "0",
      AUDIT_KEY: "k".repeat(32),
      SEED_DEMO_USERS: "0",
    });
    expect(s).toMatchObject({
      port: 8080,
      publicOrigin: "https://codong.lacphuong.gov.vn",
      fileOrigin: "https://codong.lacphuong.gov.vn",
      trustProxyHops: 1,
      dataDir: "/srv/co-dong",
      databasePath: "/srv/co-dong/co-dong.sqlite",
      auditKey: "k".repeat(32),
      objectStore: { kind: "folder", root: "/srv/co-dong/objects" },
      render: { workers: 0, rssBudgetMb: 300 },
      publisher: { enabled: false, intervalMs: 300, retentionDays: 0 },
      seedDemoUsers: false,
    });
    expect(parseEnv({ DATABASE_PATH: "/x/y.sqlite", DATA_DIR: "/srv" }).databasePath).toBe("/x/y.sqlite");
    expect(
      parseEnv({ OBJECT_LINK_SECRET: "s".repeat(16), OBJECT_LINK_BASE_URL: "https://dl.xa.vn/files/" })
        .objectStore,
    ).toMatchObject({ linkSecret: "s".repeat(16), linkBaseUrl: "https://dl.xa.vn/files/" });
    expect(
      parseEnv({
        ...S3,
        MINIO_PORT: "9000",
        MINIO_USE_SSL: "TRUE",
        MINIO_BUCKET: "print.files",
        MINIO_REGION: "vn-north-1",
        MINIO_PUBLIC_URL: "https://files.xa.vn/",
        MINIO_CONNECT_TIMEOUT_MS: "500",
        MINIO_IDLE_TIMEOUT_MS: "1500",
      }).objectStore,
    ).toMatchObject({
      port: 9000,
      useSSL: true,
      bucket: "print.files",
      region: "vn-north-1",
      publicUrl: "https://files.xa.vn",
      connectTimeoutMs: 500,
      idleTimeoutMs: 1500,
    });
  });

  it("reads 1/0, true/false, yes/no and on/off as flags, in any case", () => {
    for (const [word, on] of [
      ["1", true],
      ["Yes", true],
      ["ON", true],
      ["true", true],
      ["0", false],
      ["no", false],
      ["Off", false],
      ["FALSE", false],
    ] as const) {
      expect(parseEnv({ PUBLISHER: word }).publisher.enabled, word).toBe(on);
    }
  });
});

// Every variable with values it refuses (environments, for the two that are refused by absence).
const BAD: Record<string, Env[]> = {
  PORT: ["0", "65536", "http", "80.5", "-1", "1e3"].map((v) => ({ PORT: v })),
  DATABASE_URL: ["mysql://u:p@db/co_dong", "/srv/co-dong.sqlite", "postgres://"].map((v) => ({
    DATABASE_URL: v,
    AUDIT_KEY: "k".repeat(32),
  })),
  // A PostgreSQL URL in the SQLite variable would open a file named like the URL.
  DATABASE_PATH: [{ DATABASE_PATH: "postgres://u:p@db:5432/co_dong" }],
  APP_NODES: ["0", "65", "two", "1.5"].map((v) => ({ APP_NODES: v })),
  PUBLIC_ORIGIN: ["codong.lacphuong.gov.vn", "ftp://x.vn", "https://x.vn/path", "https://u:p@x.vn"].map(
    (v) => ({ PUBLIC_ORIGIN: v }),
  ),
  TRUST_PROXY: ["yes", "100", "-1"].map((v) => ({ TRUST_PROXY: v })),
  RENDER_WORKERS: ["lots", "17", "-1"].map((v) => ({ RENDER_WORKERS: v })),
  RENDER_RSS_BUDGET_MB: ["0", "400MB"].map((v) => ({ RENDER_RSS_BUDGET_MB: v })),
  PUBLISHER: [{ PUBLISHER: "maybe" }],
  PUBLISHER_INTERVAL_MS: ["0", "15s"].map((v) => ({ PUBLISHER_INTERVAL_MS: v })),
  PUBLISH_RETENTION_DAYS: ["five years", "-1", "1.5", "36501"].map((v) => ({ PUBLISH_RETENTION_DAYS: v })),
  MINIO_ENDPOINT: ["http://minio:9000", "minio/x", "minio local"].map((v) => ({ ...S3, MINIO_ENDPOINT: v })),
  MINIO_PORT: ["x", "0", "65536"].map((v) => ({ ...S3, MINIO_PORT: v })),
  MINIO_USE_SSL: [{ ...S3, MINIO_USE_SSL: "maybe" }],
  MINIO_ACCESS_KEY: [{ MINIO_ENDPOINT: "minio.local", MINIO_SECRET_KEY: "secret" }],
  MINIO_SECRET_KEY: [{ MINIO_ENDPOINT: "minio.local", MINIO_ACCESS_KEY: "access" }],
  MINIO_BUCKET: ["Co_Dong", "ab"].map((v) => ({ ...S3, MINIO_BUCKET: v })),
  MINIO_REGION: [{ ...S3, MINIO_REGION: "us east" }],
  MINIO_PUBLIC_URL: ["https://x/s3", "files.xa.vn"].map((v) => ({ ...S3, MINIO_PUBLIC_URL: v })),
  MINIO_CONNECT_TIMEOUT_MS: ["0", "2s"].map((v) => ({ ...S3, MINIO_CONNECT_TIMEOUT_MS: v })),
  MINIO_IDLE_TIMEOUT_MS: ["0", "600001"].map((v) => ({ ...S3, MINIO_IDLE_TIMEOUT_MS: v })),
  OBJECT_LINK_SECRET: [{ OBJECT_LINK_SECRET: "short-secret" }],
  OBJECT_LINK_BASE_URL: ["files/", "ftp://x.vn/files/"].map((v) => ({ OBJECT_LINK_BASE_URL: v })),
  AUDIT_KEY: [{ AUDIT_KEY: "too-short-audit-key" }],
  SEED_DEMO_USERS: [{ SEED_DEMO_USERS: "maybe" }],
  NOTIFIER: [{ NOTIFIER: "maybe" }],
  NOTIFIER_INTERVAL_MS: ["0", "5s"].map((v) => ({ NOTIFIER_INTERVAL_MS: v })),
  SMTP_URL: ["mail.xa.vn:587", "http://mail.xa.vn", "smtp://"].map((v) => ({
    SMTP_URL: v,
    PUBLIC_ORIGIN: "https://xa.vn",
  })),
  MAIL_FROM: ["co-dong", "Cổ động <co-dong>", "a b@xa.vn"].map((v) => ({ MAIL_FROM: v })),
  NOTIFY_DIGEST_TIME: ["7:00", "24:00", "07:60", "7h"].map((v) => ({ NOTIFY_DIGEST_TIME: v })),
  // Both or neither: one without the other stops start-up naming the missing one.
  SIGNING_P12_PATH: [{ SIGNING_P12_PASSWORD: "mat-khau" }],
  SIGNING_P12_PASSWORD: [{ SIGNING_P12_PATH: "/etc/co-dong/ky-so.p12" }],
};
// Any text is a path: one that cannot be used fails when the database or the folder is opened.
const ANY_VALUE = ["DATA_DIR"];

describe("bad values", () => {
  it("every variable the schema reads is covered here", () => {
    expect([...Object.keys(BAD), ...ANY_VALUE].sort()).toEqual([...ENV_VARIABLES].sort());
  });

  for (const [name, envs] of Object.entries(BAD)) {
    it(`${name}: CONFIG_INVALID naming it`, () => {
      for (const env of envs) {
        const e = refusal(env);
        expect(e.code, JSON.stringify(env)).toBe("CONFIG_INVALID");
        expect(e.fault).toBe(true);
        expect(e.message).toMatch(new RegExp(`^Invalid environment: ${name}: `));
        expect(e.details.variables).toEqual([name]);
        expect(e.messageVi).toContain(name);
      }
    });
  }

  it("names every bad variable at once, and never repeats a secret", () => {
    const e = refusal({ PORT: "http", AUDIT_KEY: "too-short-audit-key", OBJECT_LINK_SECRET: "short-secret" });
    expect(e.details.variables).toEqual(["PORT", "OBJECT_LINK_SECRET", "AUDIT_KEY"]);
    expect(e.message).not.toContain("too-short-audit-key");
    expect(e.message).not.toContain("short-secret");
  });
});

describe("PostgreSQL and several app nodes", () => {
  const PG = {
    DATABASE_URL: "postgresql://co_dong:mat-khau@db.xa.vn:5432/co_dong",
    AUDIT_KEY: "k".repeat(32),
  };

  it("DATABASE_URL is what the app opens; APP_NODES says how many nodes share it", () => {
    expect(parseEnv({ ...PG, ...S3, APP_NODES: " 3 " })).toMatchObject({
      databaseUrl: PG.DATABASE_URL,
      database: PG.DATABASE_URL,
      appNodes: 3,
      objectStore: { kind: "s3" },
    });
    // One node may keep its objects in its own folder: no other node looks for them there.
    expect(parseEnv({ ...PG, APP_NODES: "1" }).objectStore.kind).toBe("folder");
  });

  it("refuses the folder store with DATABASE_URL and more than one node, saying why", () => {
    const e = refusal({ ...PG, APP_NODES: "2" });
    expect(e.details.variables).toEqual(["MINIO_ENDPOINT"]);
    expect(e.message).toMatch(
      /^Invalid environment: MINIO_ENDPOINT: required with DATABASE_URL and APP_NODES/,
    );
    expect(e.message).toContain("a file one node publishes is missing on the others");
    expect(e.message).toContain("S3 (MinIO)");
    expect(e.messageVi).toContain("MINIO_ENDPOINT");
    expect(e.message).not.toContain("mat-khau");
  });

  it("needs AUDIT_KEY with DATABASE_URL: the key file lives beside a SQLite file only", () => {
    const e = refusal({ DATABASE_URL: PG.DATABASE_URL, ...S3 });
    expect(e.details.variables).toEqual(["AUDIT_KEY"]);
    expect(e.message).toMatch(/^Invalid environment: AUDIT_KEY: required with DATABASE_URL: .*key file/);
    // SQLite keeps its key file beside the database: no AUDIT_KEY needed there.
    expect(parseEnv({ APP_NODES: "2" }).auditKey).toBeUndefined();
  });
});

describe("the process's settings", () => {
  it("settings() parses process.env once; resetSettings() makes it read it again", () => {
    const saved = process.env.PORT;
    try {
      setEnv({ PORT: "4100" });
      const first = settings();
      expect(first.port).toBe(4100);
      process.env.PORT = "4200";
      expect(settings()).toBe(first);
      resetSettings();
      expect(settings().port).toBe(4200);
    } finally {
      setEnv({ PORT: saved });
    }
  });

  it("says where file links point while PUBLIC_ORIGIN is unset, and nothing once it is set", () => {
    const [note, ...more] = startupNotes(parseEnv({ PORT: "8080" }));
    expect(more).toEqual([]);
    expect(note).toContain("PUBLIC_ORIGIN");
    expect(note).toContain("http://localhost:8080");
    expect(startupNotes(parseEnv({ PUBLIC_ORIGIN: "https://xa.example.vn" }))).toEqual([]);
  });

  it("the CLI stops on a bad value with one CONFIG_INVALID line naming the variable", async () => {
    const run = promisify(execFile);
    const err = await run(
      path.join(REPO_ROOT, "node_modules/.bin/tsx"),
      ["scripts/cli.ts", "plan", "--json"],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, PUBLISH_RETENTION_DAYS: "five years" },
      },
    ).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(err).toMatchObject({ code: 1, stdout: "" });
    expect(err!.stderr.trim()).toMatch(/^CONFIG_INVALID: .*PUBLISH_RETENTION_DAYS/);
  });

  it("keeps the start-up note out of test output", () => {
    const log = vi.fn();
    announceSettings(log);
    expect(log).not.toHaveBeenCalled();
  });
});

describe("README", () => {
  it("the configuration table lists every variable the schema reads", () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const start = readme.indexOf("## Configuration");
    const table = readme.slice(start, readme.indexOf("\n\n", start + "## Configuration\n".length));
    const listed = new Set(
      table
        .split("\n")
        .filter((line) => line.startsWith("| `"))
        .flatMap((line) => [...line.split("|")[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1])),
    );
    expect(ENV_VARIABLES.filter((name) => !listed.has(name))).toEqual([]);
  });
});

// Read elsewhere only with a reason, one line each. A path is a file or a folder prefix.
const EXCEPTIONS: { path: string; reason: string }[] = [
  {
    path: "storage/audit",
    reason:
      "resolveAuditKey falls back to AUDIT_KEY for callers that pass no env: the audit chain that " +
      "migration 005 starts while the database opens. The app and the CLI pass config's AUDIT_KEY.",
  },
  {
    path: "scripts/bench.ts",
    reason:
      "echoes MALLOC_ARENA_MAX (glibc's, not the app's) into the benchmark report; loading config " +
      "(zod) into the measured process would count toward the peak RSS it reports.",
  },
  {
    path: "scripts/bench/editor.ts",
    reason:
      "hands E2E_BUILD_DIR / E2E_SKIP_BUILD to the browser tests' helpers it reuses " +
      "(test/e2e/server.ts build and spawn the server): test-harness variables, not settings.",
  },
];

const SCANNED = ["app", "domain", "fonts", "templates", "storage", "workflows", "jobs", "scripts"];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(name)) out.push(p);
  }
  return out;
}

/** The code of a source file without its comments (a comment may name process.env to say it is not read). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");

describe("no one else reads the environment", () => {
  const readers = SCANNED.flatMap((d) => sourceFiles(path.join(REPO_ROOT, d)))
    .filter((f) => code(readFileSync(f, "utf8")).includes("process.env"))
    .map((f) => path.relative(REPO_ROOT, f));
  const excepted = (f: string) => EXCEPTIONS.some((x) => f.startsWith(x.path));

  it("outside config/, process.env appears only in the listed exceptions", () => {
    expect(readers.filter((f) => !excepted(f))).toEqual([]);
  });

  it("every exception is still needed", () => {
    expect(EXCEPTIONS.filter((x) => !readers.some((f) => f.startsWith(x.path))).map((x) => x.path)).toEqual(
      [],
    );
  });
});
