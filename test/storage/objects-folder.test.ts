/** Folder-store specifics: signed links, the persisted secret, crash leftovers, damaged files. */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "../../config/env.server";
import {
  createObjectStore,
  FolderObjectStore,
  ObjectStoreError,
  signFolderLink,
  verifyFolderLink,
} from "../../storage/objects/index.server";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "objects-folder-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ObjectStoreError) return err.code;
    throw err;
  }
  return undefined;
}

const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

describe("folder links", () => {
  it("presignGet returns /files/<token>; verify gives back key and download name", async () => {
    const store = new FolderObjectStore({ root: join(dir, "objects") });
    const url = await store.presignGet("2026/1-12/a1/v1/banner.pdf", {
      expiresSeconds: 600,
      downloadName: "Băng rôn Đường.pdf",
    });
    expect(url).toMatch(/^\/files\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const link = store.verifyFolderLink(tokenOf(url));
    expect(link.key).toBe("2026/1-12/a1/v1/banner.pdf");
    expect(link.downloadName).toBe("Băng rôn Đường.pdf");
    expect(link.expiresAt.getTime()).toBeGreaterThan(Date.now() + 590_000);
  });

  it("tampered, foreign and malformed tokens are BAD_SIGNATURE; old ones EXPIRED", async () => {
    const secret = "s".repeat(32);
    const good = signFolderLink(secret, { key: "a/b.pdf", expiresAt: new Date(Date.now() + 60_000) });
    expect(verifyFolderLink(good, secret).key).toBe("a/b.pdf");
    const [payload, sig] = good.split(".");
    const forged = Buffer.from(JSON.stringify({ k: "a/other.pdf", e: 9_999_999_999 })).toString("base64url");
    expect(codeOf(() => verifyFolderLink(`${forged}.${sig}`, secret))).toBe("BAD_SIGNATURE");
    expect(codeOf(() => verifyFolderLink(`${payload}.${sig.slice(0, -2)}AA`, secret))).toBe("BAD_SIGNATURE");
    expect(codeOf(() => verifyFolderLink(good, "t".repeat(32)))).toBe("BAD_SIGNATURE");
    for (const junk of ["", ".", "abc", "a.b.c", "%%%.%%%"]) {
      expect(
        codeOf(() => verifyFolderLink(junk, secret)),
        junk,
      ).toBe("BAD_SIGNATURE");
    }
    expect(codeOf(() => verifyFolderLink(good, secret, Date.now() + 61_000))).toBe("EXPIRED");
    // A signed token for a path outside the store is still refused.
    const evil = signFolderLink(secret, {
      key: "../../etc/passwd",
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(codeOf(() => verifyFolderLink(evil, secret))).toBe("BAD_KEY");
  });

  it("expiresSeconds: 1 is EXPIRED two seconds later", async () => {
    const store = new FolderObjectStore({ root: join(dir, "objects") });
    const token = tokenOf(await store.presignGet("a/b.pdf", { expiresSeconds: 1 }));
    await new Promise((r) => setTimeout(r, 2000));
    expect(codeOf(() => store.verifyFolderLink(token))).toBe("EXPIRED");
  });

  it("the random secret is persisted (0600) so links survive a restart", async () => {
    const root = join(dir, "objects");
    const a = new FolderObjectStore({ root });
    const token = tokenOf(await a.presignGet("a/b.pdf", { expiresSeconds: 60 }));
    const b = new FolderObjectStore({ root });
    expect(b.verifyFolderLink(token).key).toBe("a/b.pdf");
    expect(statSync(join(root, ".link-secret")).mode & 0o777).toBe(0o600);
    const other = new FolderObjectStore({ root: join(dir, "elsewhere") });
    expect(codeOf(() => other.verifyFolderLink(token))).toBe("BAD_SIGNATURE");
  });

  it("OBJECT_LINK_SECRET from env signs links and no secret file is written", async () => {
    const secret = "0123456789abcdef0123456789abcdef";
    const store = createObjectStore(
      parseEnv({ DATA_DIR: dir, OBJECT_LINK_SECRET: secret }).objectStore,
    ) as FolderObjectStore;
    const token = tokenOf(await store.presignGet("a/b.pdf", { expiresSeconds: 60 }));
    expect(verifyFolderLink(token, secret).key).toBe("a/b.pdf");
    expect(existsSync(join(dir, "objects", ".link-secret"))).toBe(false);
  });
});

describe("folder durability", () => {
  it("leftovers of a crashed put (temp file, unreferenced blob) are invisible; old temp files are swept", async () => {
    const root = join(dir, "objects");
    const store = new FolderObjectStore({ root });
    await store.ensureBucket();
    // Crash after the blob was renamed but before the sidecar: the object must not exist.
    mkdirSync(join(root, "blobs", "c"), { recursive: true });
    writeFileSync(join(root, "blobs", "c", `x.pdf@${"0".repeat(64)}`), "half");
    const stale = join(root, "tmp", "dead.tmp");
    writeFileSync(stale, "partial");
    utimesSync(stale, new Date(Date.now() - 7200_000), new Date(Date.now() - 7200_000));
    const fresh = join(root, "tmp", "live.tmp");
    writeFileSync(fresh, "in flight");
    expect(await store.exists("c/x.pdf")).toBe(false);
    expect(await store.list("")).toEqual([]);
    await store.ensureBucket();
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it("a damaged or missing blob is CHECKSUM_MISMATCH, not silently wrong bytes", async () => {
    const root = join(dir, "objects");
    const store = new FolderObjectStore({ root });
    const res = await store.put("d/v1/x.pdf", Buffer.from("original"), {
      contentType: "application/pdf",
      metadata: {},
    });
    const blob = join(root, "blobs", "d", "v1", `x.pdf@${res.sha256}`);
    writeFileSync(blob, "origin4l");
    await expect(store.get("d/v1/x.pdf")).rejects.toMatchObject({ code: "CHECKSUM_MISMATCH" });
    rmSync(blob);
    await expect(store.get("d/v1/x.pdf")).rejects.toMatchObject({ code: "CHECKSUM_MISMATCH" });
  });

  it("overwrite replaces the blob and removes the old one; delete prunes empty folders", async () => {
    const root = join(dir, "objects");
    const store = new FolderObjectStore({ root });
    const a = await store.put("e/v1/x.pdf", Buffer.from("a"), {
      contentType: "application/pdf",
      metadata: {},
    });
    const b = await store.put("e/v1/x.pdf", Buffer.from("b"), {
      contentType: "application/pdf",
      metadata: {},
    });
    expect(existsSync(join(root, "blobs", "e", "v1", `x.pdf@${a.sha256}`))).toBe(false);
    expect(existsSync(join(root, "blobs", "e", "v1", `x.pdf@${b.sha256}`))).toBe(true);
    const sidecar = JSON.parse(readFileSync(join(root, "meta", "e", "v1", "x.pdf.json"), "utf8"));
    expect(sidecar).toMatchObject({ key: "e/v1/x.pdf", sha256: b.sha256, size: 1 });
    await store.delete("e/v1/x.pdf");
    expect(existsSync(join(root, "meta", "e"))).toBe(false);
    expect(existsSync(join(root, "blobs", "e"))).toBe(false);
  });

  it("concurrent puts of one key leave exactly one consistent object", async () => {
    const store = new FolderObjectStore({ root: join(dir, "objects") });
    const bodies = Array.from({ length: 8 }, (_, i) => Buffer.from(`body-${i}`.repeat(1000)));
    await Promise.all(
      bodies.map((b) => store.put("f/v1/x.pdf", b, { contentType: "application/pdf", metadata: {} })),
    );
    const got = await store.get("f/v1/x.pdf"); // throws CHECKSUM_MISMATCH if record and bytes disagree
    expect(bodies.some((b) => b.equals(got))).toBe(true);
  });
});
