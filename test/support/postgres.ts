import { execFileSync } from "node:child_process";
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// A real PostgreSQL for the tests: Debian's server binaries, a cluster made with initdb in a
// temporary folder, listening on a free port of 127.0.0.1 only. The server refuses to run as
// root, so under root (CI) it runs as the `postgres` system user the Debian package creates.

export interface PgCluster {
  /** postgres://codong@127.0.0.1:PORT/ — append a database name. */
  baseUrl: string;
  port: number;
  dir: string;
  /** The server binaries' folder (pg_dump, pg_restore, psql…). */
  binDir: string;
  /** Runs one of the server's programs as the cluster's owner. */
  run(program: string, args: string[], options?: { input?: string }): string;
  stop(): void;
}

/** The folder of the newest installed server (pg_config --bindir, else /usr/lib/postgresql/N/bin). */
export function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], "bin");
  }
  const bin = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  if (existsSync(path.join(bin, "initdb"))) return bin;
  throw new Error(
    "PostgreSQL server binaries not found: apt-get install postgresql (scripts/setup-system.sh)",
  );
}

const PREFIX = "co-dong-pg-";
const OWNER_FILE = "owner.pid";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Stops and removes clusters whose test run died without its teardown (killed, timed out), so
 * servers do not pile up on a developer's machine.
 */
function sweepOrphans(binDir: string): void {
  for (const name of readdirSync(os.tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    let owner = 0;
    try {
      owner = Number(readFileSync(path.join(dir, OWNER_FILE), "utf8"));
    } catch {
      continue;
    }
    if (!owner || alive(owner)) continue;
    try {
      const stop = [
        path.join(binDir, "pg_ctl"),
        "-D",
        path.join(dir, "data"),
        "-m",
        "immediate",
        "-w",
        "stop",
      ];
      const [cmd, argv] =
        process.getuid?.() === 0
          ? ["runuser", ["-u", "postgres", "--", ...stop]]
          : [stop[0] as string, stop.slice(1)];
      execFileSync(cmd, argv, { stdio: "ignore" });
    } catch {
      // Not running any more: only the folder is left.
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A TCP port nobody listens on right now, from the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Creates and starts a throwaway cluster (trust authentication on 127.0.0.1, superuser `codong`,
 * fsync off: a test server, never a production one). Throws with initdb/pg_ctl's output.
 */
export async function startPostgres(): Promise<PgCluster> {
  const binDir = postgresBinDir();
  sweepOrphans(binDir);
  const dir = mkdtempSync(path.join(os.tmpdir(), PREFIX));
  writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (program: string, args: string[], options: { input?: string } = {}) => {
    const exe = path.join(binDir, program);
    const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", exe, ...args]] : [exe, args];
    return execFileSync(cmd, argv, {
      encoding: "utf8",
      input: options.input,
      stdio: ["pipe", "pipe", "pipe"],
    });
  };
  const data = path.join(dir, "data");
  run("initdb", ["-D", data, "-U", "codong", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  const port = await freePort();
  const opts = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=300",
  ].join(" ");
  run("pg_ctl", ["-D", data, "-o", opts, "-l", path.join(dir, "server.log"), "-w", "start"]);
  let stopped = false;
  return {
    baseUrl: `postgres://codong@127.0.0.1:${port}/`,
    port,
    dir,
    binDir,
    run,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
