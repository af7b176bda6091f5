import path from "node:path";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { REPO_ROOT } from "./db";

// The app as remix-serve runs it, without a build: the route tree from app/routes (the same flat
// routes convention the Vite plugin uses), each module imported from source, and the real
// app/entry.server, behind Remix's own request handler. Requests go through every step a real
// one does (Remix's checks, the router, the error boundary, handleRequest/handleDataRequest),
// so status codes and headers are the ones a browser would get.
//
// Import app/entry.server only through this helper, in a test file that first sets (vi.hoisted)
// RENDER_WORKERS=0 and PUBLISHER=0 and mocks its audit-check and process-guard start-up.

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
