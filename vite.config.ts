import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { bundleEsm } from "./scripts/bundle-esm";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/** The server's render worker threads load a bundle the server build writes beside its index.js. */
function renderWorker(): Plugin {
  let outDir = "";
  let ssr = false;
  return {
    name: "co-dong:render-worker",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
      ssr = Boolean(config.build.ssr);
    },
    async writeBundle() {
      if (!ssr) return;
      await bundleEsm({ "render-worker": "templates/render/render-worker.ts" }, outDir);
    },
  };
}

export default defineConfig({
  plugins: [
    remix({
      // Browser tests and the server benchmark build into their own folder: other work in the
      // same tree rebuilds build/ at any time, and a server whose client assets change under it breaks.
      buildDirectory: process.env.REMIX_BUILD_DIR || "build",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
    renderWorker(),
  ],
  // Native addons and font files must stay on the server, loaded from node_modules at run time.
  ssr: { external: ["better-sqlite3", "libpq", "pg", "@resvg/resvg-js", "satori", "opentype.js"] },
});
