// Worker threads load a file of their own, and without a TypeScript loader (tsx in a worker costs a
// loader thread and ~30 MB). This bundles a worker's TypeScript to one ES module; packages stay
// external, so native addons and font files load from node_modules at run time — which is why the
// output must sit inside the project tree.
import { build } from "esbuild";

export async function bundleWorker(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    jsx: "automatic",
    logLevel: "warning",
  });
}
