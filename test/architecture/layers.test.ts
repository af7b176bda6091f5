import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

// The house's arrows, read from the code itself: every relative import (static, dynamic, type-only)
// of every source file. The floors are the ones the brief sets (app → workflows → storage →
// templates → fonts), with jobs above the workflow, config/ (the environment, parsed once) above
// the folders it hands settings to and under the app and the scripts that read it, and domain/
// as the ground floor under all.

const ROOT = join(__dirname, "..", "..");
const FLOORS: Record<string, number> = {
  domain: 0,
  fonts: 1,
  templates: 2,
  storage: 3,
  workflows: 4,
  jobs: 5,
  config: 6,
  app: 7,
  scripts: 8,
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

function resolveImport(from: string, spec: string, files: Set<string>): string | null {
  const base = normalize(join(dirname(from), spec));
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")]) {
    if (files.has(c)) return c;
  }
  return null;
}

const files = Object.keys(FLOORS).flatMap((d) => sourceFiles(join(ROOT, d)));
const fileSet = new Set(files);
const edges = new Map<string, string[]>();
for (const f of files) {
  const text = readFileSync(f, "utf8");
  const targets: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const t = resolveImport(f, m[1], fileSet);
    if (t) targets.push(t);
  }
  edges.set(f, targets);
}
const rel = (p: string) => relative(ROOT, p);
const top = (p: string) => rel(p).split("/")[0];

describe("the house's import graph", () => {
  it("reads a plausible number of files and arrows (the scan itself works)", () => {
    expect(files.length).toBeGreaterThan(150);
    const arrows = [...edges.values()].reduce((n, t) => n + t.length, 0);
    expect(arrows).toBeGreaterThan(400);
  });

  it("every arrow runs down or stays on its floor: scripts → app → config → jobs → workflows → storage → templates → fonts → domain", () => {
    const upward: string[] = [];
    for (const [from, targets] of edges)
      for (const to of targets)
        if (FLOORS[top(to)] > FLOORS[top(from)]) upward.push(`${rel(from)} → ${rel(to)}`);
    expect(upward).toEqual([]);
  });

  it("domain/ is the ground floor: it imports no other folder and no package", () => {
    const out: string[] = [];
    for (const f of files.filter((f) => top(f) === "domain")) {
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(/\bfrom\s+["']([^"']+)["']/g))
        if (!m[1].startsWith("./")) out.push(`${rel(f)} → ${m[1]}`);
    }
    expect(out).toEqual([]);
  });

  it("has no circles, type-only imports included (Tarjan's strongly connected components)", () => {
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index);
      index++;
      stack.push(v);
      onStack.add(v);
      for (const w of edges.get(v) ?? []) {
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(rel(w));
        } while (w !== v);
        if (scc.length > 1 || (edges.get(v) ?? []).includes(v)) circles.push(scc.sort());
      }
    };
    for (const f of files) if (!idx.has(f)) visit(f);
    expect(circles).toEqual([]);
  });

  it("the domain folders and config/ (the CLI reads it too) import nothing from Remix or React Router", () => {
    const out: string[] = [];
    for (const f of files.filter((f) =>
      ["domain", "fonts", "templates", "storage", "workflows", "jobs", "config"].includes(top(f)),
    )) {
      const text = readFileSync(f, "utf8");
      if (/from\s+["']@remix-run\//.test(text) || /from\s+["']react-router/.test(text)) out.push(rel(f));
    }
    expect(out).toEqual([]);
  });
});
