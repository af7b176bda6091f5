/** Installation proof (nghiệm thu): record with photos, add photos, remove; who may; blocked lines; the store. */
import exifReader from "exif-reader";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getAsset } from "../../storage/assets";
import { verifyAuditChain } from "../../storage/audit";
import { exec } from "../../storage/db/sync";
import {
  addPhotos,
  installationCounts,
  installationsForAsset,
  installationsForLine,
  installationsForPlacement,
  isInstallationError,
  openPhoto,
  PHOTOS_PER_INSTALLATION_MAX,
  PHOTOS_PER_UPLOAD_MAX,
  photosForAsset,
  recordInstalled,
  recordRemoved,
} from "../../storage/installations";
import {
  type FolderObjectStore,
  isObjectStoreError,
  ObjectStoreError,
} from "../../storage/objects/index.server";
import type { ObjectStore } from "../../storage/objects/types";
import { createUser } from "../../storage/users";
import { decide } from "../support/approved-asset";
import { dumpTables, seededDb, type TempDb, USERS } from "../support/db";
import { refusal, rejection } from "../support/errors";
import {
  addOrderLine,
  addPlacement,
  deliveredLine,
  phonePhoto,
  tempObjectStore,
} from "../support/installation-fixtures";

const NOW = new Date("2026-03-10T03:00:00Z");
const HAI_PHONG = { lat: 20.8527, lng: 106.6201 };

let t: TempDb;
let objects: ReturnType<typeof tempObjectStore>;
let store: FolderObjectStore;
beforeEach(async () => {
  t = await seededDb();
  objects = tempObjectStore();
  store = objects.store;
});
afterEach(() => {
  t.cleanup();
  objects.cleanup();
  vi.restoreAllMocks();
});

const installedEvents = () =>
  t.handle.conn
    .prepare("SELECT * FROM audit_events WHERE action IN ('INSTALLED','REMOVED') ORDER BY id")
    .all() as {
    action: string;
    actor_role: string;
    from_state: string;
    to_state: string;
    comment: string;
    asset_id: string;
  }[];

async function record(
  over: Partial<Parameters<typeof recordInstalled>[0]> & { lineId: string; placementId: string },
) {
  return recordInstalled({
    db: t.handle,
    store,
    installedOn: "08/03/2026",
    userId: USERS.office,
    photos: [{ bytes: await phonePhoto({ gps: HAI_PHONG }), name: "IMG_0001.JPG" }],
    keepLocation: false,
    now: NOW,
    ...over,
  });
}

describe("recordInstalled", () => {
  it("stores re-encoded photos under the asset's key and writes the installation with an INSTALLED event", async () => {
    const { asset, places, lineId } = await deliveredLine(t.handle, store, "ghi-nhan");
    const done = await record({
      lineId,
      placementId: places[0],
      note: "Treo trước cổng  chính",
      photos: [
        { bytes: await phonePhoto({ gps: HAI_PHONG }), name: "a.jpg" },
        { bytes: await phonePhoto({ colour: "#123456" }), name: "b.jpg" },
        // The same photo twice in one post is kept once.
        { bytes: await phonePhoto({ gps: HAI_PHONG }), name: "a-again.jpg" },
      ],
      keepLocation: true,
    });
    expect(done.photoIds).toHaveLength(2);

    const row = t.handle.conn
      .prepare("SELECT * FROM installations WHERE id = ?")
      .get(done.installationId) as Record<string, unknown>;
    expect(row).toMatchObject({
      line_id: lineId,
      placement_id: places[0],
      asset_id: asset.assetId,
      version_id: asset.versionId,
      installed_on: "2026-03-08",
      removed_on: null,
      note: "Treo trước cổng chính",
      installed_by: USERS.office,
    });
    const photos = t.handle.conn
      .prepare("SELECT * FROM installation_photos WHERE installation_id = ? ORDER BY lat IS NULL")
      .all(done.installationId) as {
      object_key: string;
      sha256: string;
      lat: number | null;
      captured_at: string;
    }[];
    expect(photos[0].lat).toBeCloseTo(HAI_PHONG.lat, 4);
    expect(photos[1].lat).toBeNull();
    for (const p of photos) {
      expect(p.object_key).toBe(
        `2026/1.12/${asset.assetId}/installations/${done.installationId}/${p.sha256}.jpg`,
      );
      expect(p.captured_at).toBe("2026-03-05T14:22:10");
      // The stored object is the re-encoded JPEG: its hash, no EXIF, no position in its metadata.
      const stat = await store.stat(p.object_key);
      expect(stat?.sha256).toBe(p.sha256);
      expect(stat?.contentType).toBe("image/jpeg");
      expect(stat?.metadata["asset-id"]).toBe(asset.assetId);
      expect(Object.keys(stat?.metadata ?? {}).filter((k) => /^(lat|lng|gps)/i.test(k))).toEqual([]);
      expect(JSON.stringify(stat?.metadata)).not.toMatch(/20\.85|106\.62/);
      const meta = await sharp(await store.get(p.object_key)).metadata();
      expect(meta.exif).toBeUndefined();
    }

    const events = installedEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "INSTALLED",
      actor_role: "office",
      from_state: "published",
      to_state: "published",
      asset_id: asset.assetId,
    });
    expect(events[0].comment).toContain("08/03/2026");
    expect(events[0].comment).toContain("2 ảnh");
    expect(verifyAuditChain(t.handle).ok).toBe(true);
  });

  it("is listed per line, per place, per asset, and counted for the report", async () => {
    const { asset, places, lineId } = await deliveredLine(t.handle, store, "danh-sach");
    const done = await record({ lineId, placementId: places[1] });
    const line = installationsForLine(t.handle, lineId);
    expect(line.map((p) => [p.placementId, p.installation?.id ?? null])).toEqual(
      expect.arrayContaining([
        [places[0], null],
        [places[1], done.installationId],
      ]),
    );
    const atPlace = installationsForPlacement(t.handle, places[1]);
    expect(atPlace).toHaveLength(1);
    expect(atPlace[0]).toMatchObject({
      assetCode: getAsset(t.handle, asset.assetId)!.code,
      installedOn: "2026-03-08",
    });
    expect(atPlace[0].photos).toHaveLength(1);
    expect(installationsForPlacement(t.handle, places[0])).toEqual([]);
    expect(installationsForAsset(t.handle, asset.assetId).map((i) => [i.id, i.installedBy])).toEqual([
      [done.installationId, "Trần Minh Đức"],
    ]);
    expect(photosForAsset(t.handle, asset.assetId)).toEqual([
      expect.objectContaining({ installationId: done.installationId, installedOn: "2026-03-08", lat: null }),
    ]);
    expect(installationCounts(t.handle, "cchc-2026")).toEqual([
      {
        assetId: asset.assetId,
        contentItemId: "cchc-2026:1.12",
        taskId: null,
        installed: 1,
        removed: 0,
        photos: 1,
      },
    ]);
  });

  it("refuses a second record at the same place, a place not on the line, a bad or impossible date, no photo", async () => {
    const { places, lineId } = await deliveredLine(t.handle, store, "tu-choi");
    const other = addPlacement(t.handle, "Nhà văn hóa thôn mẫu", "village_hall");
    await record({ lineId, placementId: places[0] });
    const code = async (over: Partial<Parameters<typeof record>[0]>) =>
      (await rejection(() => record({ lineId, placementId: places[1], ...over }), isInstallationError)).code;
    expect(await code({ placementId: places[0] })).toBe("ALREADY_RECORDED");
    expect(await code({ placementId: other })).toBe("NOT_FOUND");
    expect(await code({ lineId: "no-such-line" })).toBe("NOT_FOUND");
    expect(await code({ installedOn: "31/02/2026" })).toBe("INVALID_INPUT");
    // After today (Vietnam) and before the delivery (2026-01-06) are both refused.
    expect(await code({ installedOn: "2026-03-11" })).toBe("INVALID_INPUT");
    expect(await code({ installedOn: "2026-01-05" })).toBe("INVALID_INPUT");
    expect(await code({ photos: [] })).toBe("INVALID_INPUT");
    const bad = await rejection(
      () =>
        record({
          lineId,
          placementId: places[1],
          photos: [{ bytes: Buffer.from("<?php ?>"), name: "x.jpg" }],
        }),
      isInstallationError,
    );
    expect([bad.code, bad.messageVi.startsWith("Ảnh “x.jpg”")]).toEqual(["PHOTO_TYPE", true]);
    expect(installationsForLine(t.handle, lineId).filter((p) => p.installation)).toHaveLength(1);
  });

  it("the asset's own drafter and the admin may record; a drafter of another asset, the approver and the printer may not", async () => {
    const { places, lineId } = await deliveredLine(t.handle, store, "quyen");
    const stranger = await createUser(t.handle, {
      username: "soanthao2",
      displayName: "Cán bộ soạn thảo khác",
      password: "Mat-khau-dai-2026",
      roles: ["drafter"],
    });
    for (const userId of [stranger.id, USERS.approver, USERS.printer]) {
      expect(
        (await rejection(() => record({ lineId, placementId: places[0], userId }), isInstallationError)).code,
      ).toBe("FORBIDDEN");
    }
    // The session's roles only narrow: the office user signed in as a drafter is not this asset's drafter.
    expect(
      (
        await rejection(
          () => record({ lineId, placementId: places[0], roles: ["drafter"] }),
          isInstallationError,
        )
      ).code,
    ).toBe("FORBIDDEN");
    await record({ lineId, placementId: places[0], userId: USERS.drafter });
    await record({ lineId, placementId: places[1], userId: USERS.admin });
    expect(installedEvents().map((e) => e.actor_role)).toEqual(["drafter", "admin"]);
    // Nothing refused left an object behind: only the two accepted photos are stored.
    const keys = (await store.list("2026/")).map((o) => o.key).filter((k) => k.includes("/installations/"));
    expect(keys).toHaveLength(2);
  });

  it("a revoked asset blocks its line (BLOCKED); undelivered lines and cancelled orders are refused too", async () => {
    const { asset, places, lineId } = await deliveredLine(t.handle, store, "thu-hoi");
    const printedOnly = addOrderLine(t.handle, asset.assetId, [places[0]], "printed");
    const cancelled = addOrderLine(t.handle, asset.assetId, [places[1]]);
    exec(
      t.handle.conn,
      t.handle.db
        .updateTable("print_orders")
        .set({ status: "cancelled" })
        .where("id", "=", cancelled.orderId),
    );
    const code = async (line: string, place: string) =>
      (await rejection(() => record({ lineId: line, placementId: place }), isInstallationError)).code;
    expect(await code(printedOnly.lineId, places[0])).toBe("NOT_DELIVERED");
    expect(await code(cancelled.lineId, places[1])).toBe("ORDER_CANCELLED");

    // A line whose print file was withdrawn (or replaced by a newer version) is blocked, as the order pages say.
    t.handle.conn
      .prepare("UPDATE published_objects SET withdrawn_at = ? WHERE version_id = ?")
      .run(NOW.toISOString(), asset.versionId);
    const withdrawn = await rejection(() => record({ lineId, placementId: places[0] }), isInstallationError);
    expect([withdrawn.code, withdrawn.messageVi]).toEqual([
      "BLOCKED",
      expect.stringContaining("không còn là bản đang phát hành"),
    ]);
    t.handle.conn
      .prepare("UPDATE published_objects SET withdrawn_at = NULL WHERE version_id = ?")
      .run(asset.versionId);

    const hung = await record({ lineId, placementId: places[0] });
    decide(t.handle, asset.assetId, "REVOKE", USERS.approver);
    expect(await code(lineId, places[1])).toBe("BLOCKED");
    // A revoked banner must come down: the removal is still recorded, in the asset's revoked state.
    recordRemoved({
      db: t.handle,
      installationId: hung.installationId,
      removedOn: "2026-03-09",
      userId: USERS.office,
      now: NOW,
    });
    expect(installedEvents().at(-1)).toMatchObject({
      action: "REMOVED",
      from_state: "revoked",
      to_state: "revoked",
    });
    expect(verifyAuditChain(t.handle).ok).toBe(true);
  });
});

describe("addPhotos", () => {
  it("adds new photos, skips ones already kept, and holds the per-installation limit", async () => {
    const { places, lineId } = await deliveredLine(t.handle, store, "bo-sung");
    const first = await record({ lineId, placementId: places[0] });
    const more = await addPhotos({
      db: t.handle,
      store,
      installationId: first.installationId,
      userId: USERS.office,
      photos: [
        { bytes: await phonePhoto({ gps: HAI_PHONG }), name: "same.jpg" },
        { bytes: await phonePhoto({ colour: "#00ff00" }), name: "new.jpg" },
      ],
      keepLocation: false,
    });
    expect(more).toHaveLength(1);
    expect(
      installationsForLine(t.handle, lineId).find((p) => p.placementId === places[0])?.installation?.photos,
    ).toHaveLength(2);
    const e = await rejection(
      () =>
        addPhotos({
          db: t.handle,
          store,
          installationId: first.installationId,
          userId: USERS.approver,
          photos: [{ bytes: Buffer.from("x") }],
          keepLocation: false,
        }),
      isInstallationError,
    );
    expect(e.code).toBe("FORBIDDEN");
    // Up to PHOTOS_PER_INSTALLATION_MAX photos in all; the post that would pass it adds none.
    const batch = (from: number, n: number) =>
      Promise.all(
        Array.from({ length: n }, async (_, i) => ({
          // Different sizes: nearly equal colours would re-encode to the same bytes and count once.
          bytes: await phonePhoto({ width: 40 + from + i, height: 30 }),
        })),
      );
    const add = async (from: number, n: number) =>
      addPhotos({
        db: t.handle,
        store,
        installationId: first.installationId,
        userId: USERS.office,
        photos: await batch(from, n),
        keepLocation: false,
      });
    expect(await add(0, PHOTOS_PER_UPLOAD_MAX)).toHaveLength(PHOTOS_PER_UPLOAD_MAX);
    expect(await add(20, PHOTOS_PER_UPLOAD_MAX)).toHaveLength(PHOTOS_PER_UPLOAD_MAX);
    const room = PHOTOS_PER_INSTALLATION_MAX - 2 - 2 * PHOTOS_PER_UPLOAD_MAX;
    expect((await rejection(() => add(40, room + 1), isInstallationError)).code).toBe("PHOTO_LIMIT");
    expect(await add(60, room)).toHaveLength(room);
    expect(
      t.handle.conn
        .prepare("SELECT count(*) FROM installation_photos WHERE installation_id = ?")
        .pluck()
        .get(first.installationId),
    ).toBe(PHOTOS_PER_INSTALLATION_MAX);
    // Photos are evidence, not a decision: the audit holds the one INSTALLED event.
    expect(installedEvents().map((ev) => ev.action)).toEqual(["INSTALLED"]);
  });
});

describe("recordRemoved", () => {
  it("records the day it came down with a REMOVED event, once, not before it went up", async () => {
    const { places, lineId } = await deliveredLine(t.handle, store, "thao");
    const { installationId } = await record({ lineId, placementId: places[0] });
    const remove = (removedOn: string, userId: string = USERS.office) =>
      recordRemoved({ db: t.handle, installationId, removedOn, userId, now: NOW });
    expect(refusal(() => remove("2026-03-07"), isInstallationError).code).toBe("INVALID_INPUT");
    expect(refusal(() => remove("2026-03-09", USERS.approver), isInstallationError).code).toBe("FORBIDDEN");
    remove("09/03/2026");
    expect(refusal(() => remove("2026-03-10"), isInstallationError).code).toBe("ALREADY_RECORDED");
    const view = installationsForPlacement(t.handle, places[0])[0];
    expect([view.removedOn, view.removedBy]).toEqual(["2026-03-09", view.installedBy]);
    expect(installedEvents().map((e) => e.action)).toEqual(["INSTALLED", "REMOVED"]);
    expect(installedEvents()[1].comment).toContain("09/03/2026");
    expect(installationCounts(t.handle, "cchc-2026")[0]).toMatchObject({
      installed: 1,
      removed: 1,
      photos: 1,
    });
  });
});

describe("the object store first, then the database", () => {
  it("a store that is down records nothing", async () => {
    const { places, lineId } = await deliveredLine(t.handle, store, "kho-loi");
    const before = dumpTables(t.handle);
    const down: ObjectStore = Object.assign(Object.create(store), {
      put: async () => {
        throw new ObjectStoreError("UNAVAILABLE", "connection refused");
      },
    });
    const e = await rejection(
      () => record({ lineId, placementId: places[0], store: down }),
      isObjectStoreError,
    );
    expect(e.code).toBe("UNAVAILABLE");
    expect(dumpTables(t.handle)).toEqual(before);
  });

  it("a refusal found after the upload (revoked meanwhile) leaves a logged orphan object, never a row without its object", async () => {
    const { asset, places, lineId } = await deliveredLine(t.handle, store, "giua-chung");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const revoking: ObjectStore = Object.assign(Object.create(store), {
      put: async (...args: Parameters<ObjectStore["put"]>) => {
        const put = await store.put(...args);
        decide(t.handle, asset.assetId, "REVOKE", USERS.approver);
        return put;
      },
    });
    const e = await rejection(
      () => record({ lineId, placementId: places[0], store: revoking }),
      isInstallationError,
    );
    expect(e.code).toBe("BLOCKED");
    expect(t.handle.conn.prepare("SELECT count(*) FROM installations").pluck().get()).toBe(0);
    const orphans = (await store.list(`2026/1.12/${asset.assetId}/installations/`)).map((o) => o.key);
    expect(orphans).toHaveLength(1);
    expect(warn.mock.calls.flat().join(" ")).toContain(orphans[0]);
  });
});

describe("openPhoto", () => {
  it("gives staff the stored JPEG (no EXIF) and refuses a print shop", async () => {
    const { places, lineId } = await deliveredLine(t.handle, store, "mo-anh");
    const { photoIds } = await record({ lineId, placementId: places[0] });
    const photo = await openPhoto(t.handle, store, { photoId: photoIds[0], userId: USERS.approver });
    expect(photo.contentType).toBe("image/jpeg");
    const meta = await sharp(photo.bytes).metadata();
    expect([meta.format, meta.exif]).toEqual(["jpeg", undefined]);
    expect(() => exifReader(photo.bytes)).toThrow();
    const forbidden = await rejection(
      () => openPhoto(t.handle, store, { photoId: photoIds[0], userId: USERS.printer }),
      isInstallationError,
    );
    expect(forbidden.code).toBe("FORBIDDEN");
    expect(
      (
        await rejection(
          () => openPhoto(t.handle, store, { photoId: "nope", userId: USERS.office }),
          isInstallationError,
        )
      ).code,
    ).toBe("NOT_FOUND");
  });
});
