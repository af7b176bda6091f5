// Worker threads load a file of their own, and without a TypeScript loader (tsx in a worker costs a
// loader thread and ~30 MB); the benchmark runs on bare node for the same reason. This bundles
// TypeScript entries to ES modules (`name.mjs`); packages stay external, so native addons and font
// files load from node_modules at run time — which is why the output must sit inside the project
// tree. Dynamic imports become chunks of their own, loaded only when reached.
import { build } from "esbuild";

export async function bundleEsm(entryPoints: Record<string, string>, outdir: string): Promise<void> {
  await build({
    entryPoints,
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    jsx: "automatic",
    logLevel: "warning",
  });
}
