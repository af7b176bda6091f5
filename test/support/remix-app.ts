import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, vi } from "vitest";
import { closeDb } from "../../storage/db";
import { dbEnv, REPO_ROOT, seededDb, type TempDb } from "./db";
import { setEnv } from "./env";

// The app as remix-serve runs it, without a build: the route tree from app/routes (the same flat
// routes convention the Vite plugin uses), each module imported from source, and the real
// app/entry.server, behind Remix's own request handler. Requests go through every step a real
// one does (Remix's checks, the router, the error boundary, handleRequest/handleDataRequest),
// so status codes and headers are the ones a browser would get.
//
// Import app/entry.server only through these helpers: appUnderTest sets RENDER_WORKERS=0 and
// PUBLISHER=0 and mocks its audit-check and process-guard start-up before importing anything of app/.

const APP_DIR = path.join(REPO_ROOT, "app");

interface RouteEntry {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  file: string;
}

function routeManifest(): Record<string, RouteEntry> {
  return {
    root: { id: "root", path: "", file: "root.tsx" },
    ...(flatRoutes(APP_DIR, ["**/.*"]) as Record<string, RouteEntry>),
  };
}

/** Ids of the routes whose module exports an action (for tests that must cover every one). */
export async function routesWithAction(): Promise<string[]> {
  const ids: string[] = [];
  for (const r of Object.values(routeManifest())) {
    const module = await import(/* @vite-ignore */ path.join(APP_DIR, r.file));
    if (typeof module.action === "function") ids.push(r.id);
  }
  return ids.sort();
}

export async function appRequestHandler(): Promise<(request: Request) => Promise<Response>> {
  const manifest = routeManifest();
  const routes: ServerBuild["routes"] = {};
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  for (const r of Object.values(manifest)) {
    const module = await import(/* @vite-ignore */ path.join(APP_DIR, r.file));
    routes[r.id] = {
      id: r.id,
      parentId: r.parentId,
      path: r.path,
      index: r.index,
      caseSensitive: false,
      module,
    };
    assetRoutes[r.id] = {
      id: r.id,
      parentId: r.parentId,
      path: r.path,
      index: r.index,
      module: `/build/${r.id}.js`,
      hasAction: typeof module.action === "function",
      hasLoader: typeof module.loader === "function",
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: typeof module.ErrorBoundary === "function",
      imports: [],
      css: [],
    };
  }
  const entry = await import("../../app/entry.server");
  const build: ServerBuild = {
    mode: "production",
    entry: { module: entry },
    routes,
    assets: {
      entry: { imports: [], module: "/build/entry.client.js" },
      routes: assetRoutes,
      url: "/build/manifest.js",
      version: "test",
    },
    publicPath: "/build/",
    assetsBuildDirectory: path.join(REPO_ROOT, "public/build"),
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
    },
    isSpaMode: false,
  } as ServerBuild;
  const handler = createRequestHandler(build, "production");
  return (request) => handler(request);
}

export interface AppUnderTest {
  /** The seeded database (set up in beforeAll). */
  readonly db: TempDb;
  /** Remix's request handler for the app. */
  readonly handle: (request: Request) => Promise<Response>;
}

/**
 * The app behind Remix's request handler over one seeded database for the test file: sets
 * RENDER_WORKERS=0 and PUBLISHER=0 (plus `env`; an undefined value deletes the variable), keeps
 * entry.server from starting the audit check and the process guard, and opens the database in
 * beforeAll (DATABASE_PATH, or DATABASE_URL on a PostgreSQL run; with `files`, DATA_DIR beside it and no MinIO), closing it in afterAll.
 */
export async function appUnderTest(
  options: { env?: Record<string, string | undefined>; files?: boolean } = {},
): Promise<AppUnderTest> {
  setEnv({ RENDER_WORKERS: "0", PUBLISHER: "0", ...options.env });
  vi.doMock("../../app/lib/audit-check.server", async (importOriginal) => ({
    ...(await importOriginal<typeof import("../../app/lib/audit-check.server")>()),
    startAuditCheckOnce: () => {},
  }));
  vi.doMock("../../app/lib/errors.server", async (importOriginal) => ({
    ...(await importOriginal<typeof import("../../app/lib/errors.server")>()),
    installProcessGuard: () => false,
  }));
  let t: TempDb | undefined;
  beforeAll(async () => {
    t = await seededDb();
    // The folder object store (for /files/) lives beside the database, not in the working tree.
    setEnv({
      ...dbEnv(t.file),
      ...(options.files ? { DATA_DIR: t.dir, MINIO_ENDPOINT: undefined } : {}),
    });
  });
  afterAll(() => {
    closeDb();
    t?.cleanup();
  });
  const handle = await appRequestHandler();
  return {
    get db() {
      if (!t) throw new Error("the database is seeded in beforeAll");
      return t;
    },
    handle,
  };
}
