import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { makeTempDir, REPO_ROOT } from "../support/db";

// Issue 11, A1: no single bad row may take the process down. The server installs a process-level
// guard first thing (app/entry.server.tsx): an error nobody caught is logged with a clear line and
// the process keeps serving. Checked in a child process, which is what a server is, so the test
// runner's own handlers do not mask an exit.

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function runChild(body: string): { status: number | null; stdout: string; stderr: string } {
  dir = makeTempDir("co-dong-guard-");
  const file = path.join(dir, "child.ts");
  const abs = (p: string) => JSON.stringify(path.join(REPO_ROOT, p));
  writeFileSync(
    file,
    `import { createRequire } from "node:module";
import { installProcessGuard } from ${abs("app/lib/errors.server.ts")};
import { assetMachine } from ${abs("workflows/asset-machine.ts")};
// The repository's own xstate, resolved from its root (this file lives in a temp folder).
const { createActor } = createRequire(${abs("package.json")})("xstate") as typeof import("xstate");
void createActor; void assetMachine;
const lines: string[] = [];
${body}
`,
  );
  const r = spawnSync(path.join(REPO_ROOT, "node_modules/.bin/tsx"), [file], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

it("the guard logs an uncaught exception and an unhandled rejection with a clear line, and the process keeps running", () => {
  const r = runChild(`
const first = installProcessGuard((l) => lines.push(l));
const second = installProcessGuard((l) => lines.push(l));
setTimeout(() => { throw new Error("boom from a timer"); }, 0);
void Promise.reject(new Error("nobody catches this"));
setTimeout(() => {
  console.log(JSON.stringify({
    first,
    second,
    listeners: [process.listenerCount("uncaughtException"), process.listenerCount("unhandledRejection")],
    lines,
  }));
}, 300);
`);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as {
    first: boolean;
    second: boolean;
    listeners: number[];
    lines: string[];
  };
  expect(out.first).toBe(true);
  expect(out.second).toBe(false); // installed once
  expect(out.listeners).toEqual([1, 1]);
  expect(out.lines).toHaveLength(2);
  expect(
    out.lines.some((l) =>
      l.startsWith("[process-guard] unhandledRejection, server keeps running: Error: nobody catches this"),
    ),
  ).toBe(true);
  expect(
    out.lines.some((l) =>
      l.startsWith("[process-guard] uncaughtException, server keeps running: Error: boom from a timer"),
    ),
  ).toBe(true);
});

it("the XState error that used to end the server (an actor restored from an unknown state) is logged, not fatal", () => {
  const script = `
const snapshot = { status: "active", value: "dang_soan", historyValue: {}, children: {},
  context: { currentVersionHash: "x", approvedVersionHash: null, lastReason: null, submittedBy: null, forwardedBy: null } };
GUARD
const actor = createActor(assetMachine, { snapshot: snapshot as never, input: { versionHash: "x" } });
actor.start();
setTimeout(() => console.log(JSON.stringify({ alive: true, lines })), 300);
`;
  // Without the guard the process dies of it: the error comes from a timer XState sets.
  const bare = runChild(script.replace("GUARD", ""));
  expect(bare.status).not.toBe(0);
  expect(bare.stderr).toMatch(/State 'dang_soan' does not exist on 'asset'/);
  rmSync(dir!, { recursive: true, force: true });

  const guarded = runChild(script.replace("GUARD", "installProcessGuard((l) => lines.push(l));"));
  expect(guarded.status).toBe(0);
  const out = JSON.parse(guarded.stdout.trim().split("\n").pop()!) as { alive: boolean; lines: string[] };
  expect(out.alive).toBe(true);
  expect(out.lines).toHaveLength(1);
  expect(out.lines[0]).toMatch(
    /^\[process-guard\] uncaughtException, server keeps running: Error: State 'dang_soan' does not exist on 'asset'/,
  );
});

it("a configuration error (CONFIG_INVALID) still ends the process: a server that cannot start must not linger", () => {
  const r = runChild(`
installProcessGuard((l) => console.error(l));
const bad = Object.assign(new Error("Invalid environment: PUBLIC_ORIGIN: an http(s) origin"), { code: "CONFIG_INVALID" });
void Promise.reject(bad);
setTimeout(() => console.log("still alive"), 500);
`);
  expect(r.status).toBe(1);
  expect(r.stdout).not.toContain("still alive");
  expect(r.stderr).toContain("[process-guard] configuration error, server stops");
});
