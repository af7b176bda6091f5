// /admin/brand and the kit flowing into renders (issue 14 §1, decision 039), through Remix's
// request handler over a real seeded SQLite file, the folder object store and real renders:
// admin only; the form's problems per field and its warnings; a logo uploaded with the form;
// previews and new versions drawn with the stored kit; an approved version's files untouched by a
// later kit, and its 1:10 print file drawn later with the inks of the kit it was approved with.
import { createHash } from "node:crypto";
import { decodePDFRawStream, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { adminBrandView, type BrandFormValues } from "../../app/lib/admin-brand.server";
import { createAssetWithFiles } from "../../app/lib/create.server";
import { action } from "../../app/routes/admin.brand";
import { renderPreview } from "../../app/lib/render.server";
import { resolveRenderInput, renderParamsSchema } from "../../app/lib/render-input.server";
import { appObjectStore } from "../../app/lib/stores.server";
import { runPublisherOnce } from "../../jobs/publisher";
import { getAsset, getVersion, getVersionFile } from "../../storage/assets";
import { getBrandKit, loadBrand } from "../../storage/brand";
import { getMedia } from "../../storage/media";
import { getUser, createSession } from "../../storage/users";
import { DEFAULT_BRAND } from "../../templates/brand";
import { renderPreview as engineSvg } from "../../templates/render/index.server";
import { decide } from "../support/approved-asset";
import { USERS } from "../support/db";
import { appUnderTest } from "../support/remix-app";

const app = await appUnderTest({
  files: true,
  env: { OBJECT_LINK_SECRET: "a-test-secret-of-enough-length" },
});

const cookie = (user: string) => `cd_session=${createSession(app.db.handle, user).token}`;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The form as the page fills it from `values`, with `changes` laid over (field name → value). */
function formOf(values: BrandFormValues, changes: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const k of [
    "issuerAbove",
    "issuer",
    "shortName",
    "hotline",
    "portalUrl",
    "publicServiceUrl",
    "theme",
    "year",
  ] as const)
    f.set(k, values[k]);
  for (const row of values.palette) {
    f.set(`${row.key}.name`, row.name);
    f.set(`${row.key}.rgb`, row.rgb);
    for (const [i, c] of ["c", "m", "y", "k"].entries()) f.set(`${row.key}.${c}`, String(row.cmykPercent[i]));
  }
  f.set("logo", values.logo);
  for (const [k, v] of Object.entries(changes)) f.set(k, v);
  return f;
}

const current = () => adminBrandView(app.db.handle).values;

const request = (body: FormData | URLSearchParams, user: string) =>
  new Request("http://localhost/admin/brand", {
    method: "POST",
    headers: { cookie: cookie(user), origin: "http://localhost" },
    body,
  });

/** The form posted to the route's action as the admin: its status and what the page gets back. */
async function save(changes: Record<string, string>, extra?: (f: FormData) => void) {
  const f = formOf(current(), changes);
  extra?.(f);
  const r = (await action({ request: request(f, USERS.admin), params: {}, context: {} })) as {
    type?: string;
    data?: unknown;
    init?: { status?: number };
  };
  const wrapped = r.type === "DataWithResponseInit";
  // biome-ignore lint/suspicious/noExplicitAny: the action's answer is checked field by field below.
  const body = (wrapped ? r.data : r) as any;
  return { status: wrapped ? (r.init?.status ?? 200) : 200, body };
}

describe("who may open and change the kit", () => {
  it("the admin gets the page; a drafter and the office get 403 and change nothing", async () => {
    const page = await app.handle(
      new Request("http://localhost/admin/brand", { headers: { cookie: cookie(USERS.admin) } }),
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Bộ nhận diện");
    expect(html).toContain("Ủy ban nhân dân xã Lạc Phượng");
    for (const user of [USERS.drafter, USERS.office]) {
      const get = await app.handle(
        new Request("http://localhost/admin/brand", { headers: { cookie: cookie(user) } }),
      );
      expect(get.status).toBe(403);
      const res = await app.handle(request(new URLSearchParams({ issuer: "Ủy ban nhân dân xã Khác" }), user));
      expect(res.status).toBe(403);
    }
    expect(getBrandKit(app.db.handle).issuerLines).toEqual(["Ủy ban nhân dân xã Lạc Phượng"]);
  });
});

describe("the form", () => {
  it("names each field at fault (URL, colour, ink, issuer look-alike) and saves nothing", async () => {
    const r = await save({
      portalUrl: "lacphuong.gov.vn",
      "accent.rgb": "#ffe3",
      "navy.k": "140",
      issuer: "Ủy ban nhân dân xã Lạc Phượng\u0410",
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("Chưa lưu: có 4 mục cần sửa.");
    const fields = r.body.problems.map((p: { field: string }) => p.field).sort();
    expect(fields).toEqual(["accent.rgb", "issuer", "navy.k", "portalUrl"]);
    expect(getBrandKit(app.db.handle).portalUrl).toBe("https://lacphuong.gov.vn");
  });

  it("saves a two-line issuer and CMYK typed with a decimal comma; a light red gets a contrast warning", async () => {
    const r = await save({
      issuerAbove: "Ủy ban nhân dân thành phố Hải Phòng",
      "primary.rgb": "#E53935",
      "primary.m": "87,5",
    });
    expect(r.status).toBe(200);
    expect(r.body.ok).toContain("Đã lưu bộ nhận diện");
    expect(r.body.warnings.map((w: { messageVi: string }) => w.messageVi).join("\n")).toContain(
      "“Vàng sao” trên nền “Đỏ cờ” chỉ đạt độ tương phản",
    );
    const kit = getBrandKit(app.db.handle);
    expect(kit.issuerLines).toEqual(["Ủy ban nhân dân thành phố Hải Phòng", "Ủy ban nhân dân xã Lạc Phượng"]);
    expect(kit.palette.primary).toMatchObject({ rgb: "#e53935", cmyk: [0, 0.875, 0.9, 0.25] });
    // Back to the default red for the tests below, with no warning left.
    const back = await save({ issuerAbove: "", "primary.rgb": "#a50f15", "primary.m": "100" });
    expect(back.body.warnings).toEqual([]);
  });

  it("uploads a logo with the form into the library (kind logo) and names it; a non-image is refused", async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="#a50f15"/></svg>';
    const r = await save({}, (f) =>
      f.set("logoFile", new File([svg], "logo.svg", { type: "image/svg+xml" })),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const id = getBrandKit(app.db.handle).logoMediaId!;
    expect(getMedia(app.db.handle, id)).toMatchObject({ kind: "logo", contentType: "image/svg+xml" });
    expect(adminBrandView(app.db.handle).logos.map((l) => l.id)).toContain(id);

    const bad = await save({}, (f) => f.set("logoFile", new File(["<?php echo 1; ?>"], "logo.png")));
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0].field).toBe("logo");
    expect(getBrandKit(app.db.handle).logoMediaId).toBe(id);
    // No logo again for what follows.
    expect((await save({ logo: "" })).status).toBe(200);
  });
});

describe("renders read the stored kit; versions keep theirs", () => {
  const TEXT = "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi";
  const BANNER = "bang-ron-1.2x10";
  const TEMPLATE = "co-dong-truyen-thong";
  const NEW_ISSUER = "Ủy ban nhân dân xã Kiến Thụy";

  /** The page content of a PDF, streams decoded (images skipped). */
  async function contentOf(bytes: Uint8Array): Promise<string> {
    const doc = await PDFDocument.load(bytes);
    const parts: string[] = [];
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFRawStream) || obj.dict.get(PDFName.of("Subtype")) === PDFName.of("Image"))
        continue;
      parts.push(Buffer.from(decodePDFRawStream(obj).decode()).toString("latin1"));
    }
    return parts.join("\n");
  }

  async function previewSvg(): Promise<string> {
    const q = new URLSearchParams({ template: TEMPLATE, format: "fb-link-1200x630", text: TEXT, as: "svg" });
    const res = await app.handle(
      new Request(`http://localhost/api/preview?${q}`, { headers: { cookie: cookie(USERS.drafter) } }),
    );
    expect(res.status).toBe(200);
    return res.text();
  }

  it("a new kit changes previews and new versions only; the approved version and its later 1:10 file keep the old kit", async () => {
    const drafter = getUser(app.db.handle, USERS.drafter)!;
    // Approved under the default kit.
    const old = await createAssetWithFiles(
      app.db.handle,
      drafter,
      {
        planId: "cchc-2026",
        contentItemId: "cchc-2026:1.12",
        sloganId: null,
        templateId: TEMPLATE,
        formatId: BANNER,
        input: { text: TEXT },
        submit: false,
      },
      "https://xa.example.vn",
    );
    for (const [type, user] of [
      ["SUBMIT", USERS.drafter],
      ["FORWARD", USERS.office],
      ["APPROVE", USERS.approver],
    ] as const)
      decide(app.db.handle, old.assetId, type, user);
    const oldVersion = getVersion(app.db.handle, old.versionId)!;
    expect(oldVersion.options.brand).toMatchObject({ issuerLines: DEFAULT_BRAND.issuerLines, logo: null });
    // As a version made before 1:10 files were kept: the publisher will draw it from the stored SVG.
    app.db.handle.conn
      .prepare("DELETE FROM version_files WHERE version_id = ? AND kind = 'pdf_scaled'")
      .run(old.versionId);
    const before = Object.fromEntries(
      (["pdf", "png", "svg"] as const).map((k) => [
        k,
        sha(getVersionFile(app.db.handle, old.versionId, k)!.bytes),
      ]),
    );
    const previewBefore = await previewSvg();

    // The admin changes the issuer, the red's inks (same screen colour) and the logo.
    const svgLogo =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 60"><circle cx="30" cy="30" r="28" fill="#ffe34d"/></svg>';
    const saved = await save(
      { issuer: NEW_ISSUER, "primary.c": "2", "primary.m": "96", "primary.y": "88", "primary.k": "18" },
      (f) => f.set("logoFile", new File([svgLogo], "logo.svg", { type: "image/svg+xml" })),
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const brand = await loadBrand(app.db.handle, appObjectStore);
    expect(brand.logo?.mime).toBe("image/svg+xml");

    // (a) A new render shows the new issuer: the preview endpoint draws exactly what the engine
    // draws with the stored kit, and the issuer line it sets is the new one.
    const previewAfter = await previewSvg();
    expect(previewAfter).not.toBe(previewBefore);
    const input = { text: TEXT, brand };
    const engine = await engineSvg(TEMPLATE, "fb-link-1200x630", input, { as: "svg" });
    expect(previewAfter).toBe(engine.image.toString("utf8"));
    const params = renderParamsSchema.parse({ template: TEMPLATE, format: "fb-link-1200x630", text: TEXT });
    const texts = (
      await renderPreview(
        TEMPLATE,
        "fb-link-1200x630",
        await resolveRenderInput(app.db.handle, appObjectStore, params),
      )
    ).texts;
    expect(texts.find((t) => t.label === "Dòng cơ quan")?.text).toBe("ỦY BAN NHÂN DÂN XÃ KIẾN THỤY");

    // A new asset records the new kit (logo by media id and hash) and is drawn with it.
    const fresh = await createAssetWithFiles(
      app.db.handle,
      drafter,
      {
        planId: "cchc-2026",
        contentItemId: "cchc-2026:1.12",
        sloganId: null,
        templateId: TEMPLATE,
        formatId: BANNER,
        input: { text: TEXT },
        submit: false,
      },
      "https://xa.example.vn",
    );
    const freshVersion = getVersion(app.db.handle, fresh.versionId)!;
    expect(freshVersion.options.brand).toMatchObject({
      issuerLines: [NEW_ISSUER],
      palette: { primary: { rgb: "#a50f15", cmyk: [0.02, 0.96, 0.88, 0.18] } },
      logo: { mediaId: getBrandKit(app.db.handle).logoMediaId, sha256: brand.logo!.sha256 },
    });
    expect(await contentOf(getVersionFile(app.db.handle, fresh.versionId, "pdf")!.bytes)).toContain(
      "0.02 0.96 0.88 0.18 k",
    );

    // (b) The approved version: its files are the bytes it was approved with...
    const after = Object.fromEntries(
      (["pdf", "png", "svg"] as const).map((k) => [
        k,
        sha(getVersionFile(app.db.handle, old.versionId, k)!.bytes),
      ]),
    );
    expect(after).toEqual(before);
    expect(getAsset(app.db.handle, old.assetId)!.currentVersionHash).toBe(oldVersion.contentHash);
    // ...and its 1:10 file, drawn now by the publisher, prints the red with the inks of its own kit.
    const run = await runPublisherOnce({
      db: app.db.handle,
      store: appObjectStore(),
      publicOrigin: "https://xa.example.vn",
    });
    expect(run.published).toBeGreaterThanOrEqual(1);
    const scaled = getVersionFile(app.db.handle, old.versionId, "pdf_scaled");
    expect(scaled).not.toBeNull();
    const content = await contentOf(scaled!.bytes);
    expect(content).toContain("0 1 0.9 0.25 k");
    expect(content).not.toContain("0.02 0.96 0.88 0.18 k");
  });
});
