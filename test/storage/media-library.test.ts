/** The media library's rows and objects (decision 036): content addressing, dedupe, tags, focus, retire, roles. */
import { createHash } from "node:crypto";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  getMedia,
  ingestMedia,
  isMediaError,
  listMedia,
  type MediaKind,
  mediaKey,
  photoSourceOf,
  readMediaBytes,
  setFocus,
  setRetired,
  updateMedia,
} from "../../storage/media";
import { USERS } from "../support/db";
import { rejection, refusal } from "../support/errors";
import { phonePhoto, tempObjectStore } from "../support/installation-fixtures";
import { seededDb, type TempDb } from "../support/db";

let t: TempDb;
let objects: ReturnType<typeof tempObjectStore>;
beforeEach(async () => {
  t = await seededDb();
  objects = tempObjectStore();
});
afterEach(() => {
  t.cleanup();
  objects.cleanup();
});

const ITEM_7 = "cchc-2026:1.7";
const ITEM_15 = "cchc-2026:1.15";

async function upload(
  files: { bytes: Buffer; name?: string }[],
  o: { kind?: MediaKind; tags?: string[]; caption?: string; credit?: string; user?: string } = {},
) {
  return ingestMedia({
    db: t.handle,
    store: objects.store,
    userId: o.user ?? USERS.drafter,
    files,
    kind: o.kind ?? "photo",
    contentItemIds: o.tags ?? [],
    caption: o.caption,
    credit: o.credit,
  });
}

async function storedId(bytes: Buffer, o: Parameters<typeof upload>[1] = {}) {
  const [out] = await upload([{ bytes, name: "anh.jpg" }], o);
  if (!out?.ok) throw new Error(`upload refused: ${JSON.stringify(out)}`);
  return out.id;
}

describe("uploading", () => {
  it("stores the re-encoded bytes under media/{sha[0:2]}/{sha}.jpg, the row naming that hash", async () => {
    const id = await storedId(await phonePhoto({ width: 800, height: 600 }), {
      caption: "Bộ phận một cửa",
      credit: "Trung tâm Dịch vụ",
      tags: [ITEM_7],
    });
    const row = getMedia(t.handle, id)!;
    expect(row.objectKey).toBe(`media/${row.sha256.slice(0, 2)}/${row.sha256}.jpg`);
    expect(row.objectKey).toBe(mediaKey(row.sha256, "jpg"));
    const stored = await objects.store.get(row.objectKey);
    expect(createHash("sha256").update(stored).digest("hex")).toBe(row.sha256);
    expect([row.size, row.width, row.height, row.contentType, row.sourceType]).toEqual([
      stored.length,
      800,
      600,
      "image/jpeg",
      "jpeg",
    ]);
    expect([row.caption, row.credit, row.contentItemIds, row.uploadedBy.id]).toEqual([
      "Bộ phận một cửa",
      "Trung tâm Dịch vụ",
      [ITEM_7],
      USERS.drafter,
    ]);
    expect(row.focusSource).toBe("auto");
    for (const v of [row.focus.x, row.focus.y]) expect(v >= 0 && v <= 1).toBe(true);
    expect((await objects.store.stat(row.objectKey))?.contentType).toBe("image/jpeg");
  });

  it("the same bytes twice are one row, their tags merged; a hidden one comes back", async () => {
    const photo = await phonePhoto({ width: 640, height: 480 });
    const first = await storedId(photo, { tags: [ITEM_7] });
    setRetired({ db: t.handle, userId: USERS.drafter, id: first, retired: true });
    const [again] = await upload([{ bytes: photo, name: "lai.jpg" }], {
      tags: [ITEM_15],
      caption: "Hội thi",
      user: USERS.office,
    });
    expect(again).toMatchObject({ ok: true, id: first, duplicate: true, restored: true });
    const row = getMedia(t.handle, first)!;
    expect(row.contentItemIds).toEqual([ITEM_7, ITEM_15]);
    expect(row.caption).toBe("Hội thi");
    expect(row.retiredAt).toBeNull();
    expect(t.handle.conn.prepare("SELECT count(*) FROM media").pluck().get()).toBe(1);
    expect((await objects.store.list("media/")).length).toBe(1);
  });

  it("reports each refused file by name and keeps the others", async () => {
    const out = await upload([
      { bytes: Buffer.from("<?php echo 1; ?>"), name: "shell.jpg" },
      { bytes: await phonePhoto({ width: 300, height: 200 }), name: "tot.jpg" },
      {
        bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'),
        name: "logo.svg",
      },
    ]);
    expect(out.map((o) => [o.file, o.ok ? "ok" : o.code])).toEqual([
      ["shell.jpg", "MEDIA_TYPE"],
      ["tot.jpg", "ok"],
      ["logo.svg", "MEDIA_SVG_UNSAFE"],
    ]);
    expect(t.handle.conn.prepare("SELECT count(*) FROM media").pluck().get()).toBe(1);
  });

  it("a printer or an approver may not upload (MEDIA_FORBIDDEN, nothing stored); an unknown tag is refused", async () => {
    const photo = await phonePhoto({ width: 200, height: 100 });
    for (const user of [USERS.printer, USERS.approver]) {
      const e = await rejection(() => upload([{ bytes: photo }], { user }), isMediaError);
      expect(e.code).toBe("MEDIA_FORBIDDEN");
    }
    const e = await rejection(() => upload([{ bytes: photo }], { tags: ["cchc-2026:9.99"] }), isMediaError);
    expect(e.code).toBe("MEDIA_INVALID_INPUT");
    expect(t.handle.conn.prepare("SELECT count(*) FROM media").pluck().get()).toBe(0);
    expect(await objects.store.list("media/")).toEqual([]);
  });

  it("an SVG logo is stored as image/svg+xml under .svg", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><circle r="40"/></svg>',
    );
    const id = await storedId(svg, { kind: "logo" });
    const row = getMedia(t.handle, id)!;
    expect([row.kind, row.contentType, row.sourceType, row.width, row.height]).toEqual([
      "logo",
      "image/svg+xml",
      "svg",
      200,
      100,
    ]);
    expect(row.objectKey).toMatch(/^media\/[0-9a-f]{2}\/[0-9a-f]{64}\.svg$/);
  });
});

describe("finding and editing", () => {
  it("filters by kind and content item; the tags are replaced by an edit", async () => {
    const a = await storedId(await phonePhoto({ width: 300, height: 200, colour: "#123456" }), {
      tags: [ITEM_7],
    });
    const b = await storedId(await phonePhoto({ width: 300, height: 200, colour: "#654321" }), {
      tags: [ITEM_15],
    });
    const logo = await storedId(
      await sharp({ create: { width: 600, height: 600, channels: 4, background: "#b3121b" } })
        .png()
        .toBuffer(),
      { kind: "logo", tags: [ITEM_7] },
    );
    const ids = (f: Parameters<typeof listMedia>[1]) =>
      listMedia(t.handle, f)
        .map((m) => m.id)
        .sort();
    expect(ids({ kind: "photo" })).toEqual([a, b].sort());
    expect(ids({ kind: "photo", contentItemId: ITEM_7 })).toEqual([a]);
    expect(ids({ contentItemId: ITEM_7 })).toEqual([a, logo].sort());
    expect(ids({ kind: "logo" })).toEqual([logo]);

    updateMedia({
      db: t.handle,
      userId: USERS.office,
      id: b,
      caption: " Hội  thi  CCHC ",
      credit: "",
      contentItemIds: [ITEM_7],
    });
    expect(ids({ kind: "photo", contentItemId: ITEM_7 })).toEqual([a, b].sort());
    expect(ids({ kind: "photo", contentItemId: ITEM_15 })).toEqual([]);
    expect(getMedia(t.handle, b)!.caption).toBe("Hội thi CCHC");
  });

  it("stores a tapped focal point as 'manual'; refuses one outside the photo", async () => {
    const id = await storedId(await phonePhoto({ width: 400, height: 300 }));
    const row = setFocus({ db: t.handle, userId: USERS.drafter, id, focus: { x: 0.25, y: 0.8 } });
    expect([row.focus, row.focusSource]).toEqual([{ x: 0.25, y: 0.8 }, "manual"]);
    const e = refusal(
      () => setFocus({ db: t.handle, userId: USERS.drafter, id, focus: { x: 1.2, y: 0.5 } }),
      isMediaError,
    );
    expect(e.code).toBe("MEDIA_INVALID_INPUT");
    expect(
      refusal(
        () => setFocus({ db: t.handle, userId: USERS.printer, id, focus: { x: 0.5, y: 0.5 } }),
        isMediaError,
      ).code,
    ).toBe("MEDIA_FORBIDDEN");
  });

  it("retiring hides a photo from lists and from new renders, never deletes it; only the uploader, office or admin", async () => {
    const id = await storedId(await phonePhoto({ width: 400, height: 300 }), { tags: [ITEM_7] });
    const other = await storedId(await phonePhoto({ width: 401, height: 300 }), { user: USERS.office });
    const e = refusal(
      () => setRetired({ db: t.handle, userId: USERS.drafter, id: other, retired: true }),
      isMediaError,
    );
    expect(e.code).toBe("MEDIA_FORBIDDEN");

    setRetired({ db: t.handle, userId: USERS.drafter, id, retired: true });
    expect(listMedia(t.handle, { kind: "photo", contentItemId: ITEM_7 })).toEqual([]);
    expect(listMedia(t.handle, { kind: "photo", includeRetired: true }).map((m) => m.id)).toContain(id);
    const hidden = await rejection(() => photoSourceOf(t.handle, objects.store, id), isMediaError);
    expect(hidden.code).toBe("MEDIA_NOT_FOUND");
    // A version that already names it still renders.
    expect((await photoSourceOf(t.handle, objects.store, id, undefined, { allowRetired: true })).sha256).toBe(
      getMedia(t.handle, id)!.sha256,
    );
    setRetired({ db: t.handle, userId: USERS.office, id, retired: false });
    expect(listMedia(t.handle, { kind: "photo", contentItemId: ITEM_7 }).map((m) => m.id)).toEqual([id]);
  });
});

describe("reading for renders", () => {
  it("photoSourceOf gives the stored bytes, the focal point (or the asset's override) and the hash", async () => {
    const id = await storedId(await phonePhoto({ width: 500, height: 400 }));
    setFocus({ db: t.handle, userId: USERS.drafter, id, focus: { x: 0.3, y: 0.6 } });
    const row = getMedia(t.handle, id)!;
    const src = await photoSourceOf(t.handle, objects.store, id);
    expect(createHash("sha256").update(src.bytes).digest("hex")).toBe(row.sha256);
    expect([src.focus, src.sha256]).toEqual([{ x: 0.3, y: 0.6 }, row.sha256]);
    expect((await photoSourceOf(t.handle, objects.store, id, { x: 0.9, y: 0.1 })).focus).toEqual({
      x: 0.9,
      y: 0.1,
    });
    const logo = await storedId(
      await sharp({ create: { width: 600, height: 500, channels: 4, background: "#fff" } })
        .png()
        .toBuffer(),
      { kind: "logo" },
    );
    expect((await rejection(() => photoSourceOf(t.handle, objects.store, logo), isMediaError)).code).toBe(
      "MEDIA_NOT_FOUND",
    );
    expect((await rejection(() => readMediaBytes(t.handle, objects.store, "nope"), isMediaError)).code).toBe(
      "MEDIA_NOT_FOUND",
    );
  });

  it("readMediaBytes refuses bytes that no longer match the row's hash", async () => {
    const id = await storedId(await phonePhoto({ width: 321, height: 123 }));
    const row = getMedia(t.handle, id)!;
    // The row's hash no longer matches its object: what a damaged or swapped object looks like.
    t.handle.conn.prepare("UPDATE media SET sha256 = ? WHERE id = ?").run("0".repeat(64), id);
    const e = await rejection(
      () => readMediaBytes(t.handle, objects.store, id),
      (x): x is Error & { code: string } => x instanceof Error && "code" in x,
    );
    expect(e.code).toBe("CHECKSUM_MISMATCH");
    expect(row.sha256).not.toBe("0".repeat(64));
  });
});
