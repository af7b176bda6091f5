// The brand kit as stored (settings row 'brand_kit', decision 039): what a save refuses and why
// (each refusal names its field in Vietnamese), what it only warns about, the default of a fresh
// install, and what a version records of the kit it was drawn with.
import { createHash } from "node:crypto";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type BrandKit,
  brandKitStamp,
  brandOfVersion,
  checkBrandKit,
  DEFAULT_BRAND_KIT,
  getBrandKit,
  isBrandError,
  loadBrand,
  saveBrandKit,
  versionOptions,
} from "../../storage/brand";
import { ingestMedia, type MediaKind } from "../../storage/media";
import { DEFAULT_BRAND } from "../../templates/brand";
import { seededDb, type TempDb, USERS } from "../support/db";
import { phonePhoto, tempObjectStore } from "../support/installation-fixtures";

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

/** A kit to save: the default with `patch` laid over it (palette slots merged one by one). */
function kit(patch: Partial<Omit<BrandKit, "palette">> & { palette?: Partial<BrandKit["palette"]> } = {}) {
  return {
    ...structuredClone(DEFAULT_BRAND_KIT),
    ...patch,
    palette: { ...structuredClone(DEFAULT_BRAND_KIT.palette), ...patch.palette },
  };
}

/** The problems of a refused kit, as { field, messageVi }. */
function problemsOf(raw: unknown) {
  const r = checkBrandKit(raw);
  if (r.ok) throw new Error("the kit was accepted");
  return r.problems;
}

/** Saves and expects BRAND_KIT_INVALID; returns its problems. */
function refusedSave(raw: unknown) {
  try {
    saveBrandKit(t.handle, raw, USERS.admin);
  } catch (e) {
    if (!isBrandError(e) || e.code !== "BRAND_KIT_INVALID") throw e;
    return e.details.problems as { field: string; messageVi: string }[];
  }
  throw new Error("the kit was saved");
}

describe("a fresh install", () => {
  it("reads DEFAULT_BRAND's values with no logo, and loadBrand gives DEFAULT_BRAND itself", async () => {
    expect(brandKitStamp(t.handle)).toBeNull();
    expect(getBrandKit(t.handle)).toEqual({ ...DEFAULT_BRAND_KIT, logoMediaId: null });
    expect(getBrandKit(t.handle).issuerLines).toEqual(["Ủy ban nhân dân xã Lạc Phượng"]);
    // No logo: no object store is needed (the getter would throw if it were called).
    const brand = await loadBrand(t.handle, () => {
      throw new Error("no store expected");
    });
    expect(brand).toEqual(DEFAULT_BRAND);
  });
});

describe("saving the kit", () => {
  it("stores a cleaned kit that every later read returns, stamped with the save time", async () => {
    const saved = saveBrandKit(
      t.handle,
      kit({
        issuerLines: ["  Ủy ban nhân dân thành phố Hải Phòng ", "Ủy ban nhân dân xã  Kiến Thụy"],
        shortName: "Kiến Thụy",
        year: 2027,
        palette: { primary: { name: "Đỏ son", rgb: "#B5121B", cmyk: [0, 0.95, 0.85, 0.2] } },
      }),
      USERS.admin,
      new Date("2026-05-01T02:00:00Z"),
    );
    expect(saved.kit.issuerLines).toEqual([
      "Ủy ban nhân dân thành phố Hải Phòng",
      "Ủy ban nhân dân xã Kiến Thụy",
    ]);
    expect(saved.kit.palette.primary).toEqual({ name: "Đỏ son", rgb: "#b5121b", cmyk: [0, 0.95, 0.85, 0.2] });
    expect(getBrandKit(t.handle)).toEqual(saved.kit);
    expect(brandKitStamp(t.handle)).toBe("2026-05-01T02:00:00.000Z");
    const brand = await loadBrand(t.handle, () => {
      throw new Error("no store expected");
    });
    expect(brand.issuerLines[1]).toBe("Ủy ban nhân dân xã Kiến Thụy");
    expect(brand.palette.primary.rgb).toBe("#b5121b");
    expect(brand.year).toBe(2027);
  });

  it.each([
    ["an http:// portal", { portalUrl: "http://lacphuong.gov.vn" }, "portalUrl", "https://"],
    [
      "a public-service address that is no URL",
      { publicServiceUrl: "dichvucong" },
      "publicServiceUrl",
      "https://",
    ],
    ["three issuer lines", { issuerLines: ["A", "B", "C"] }, "issuerLines", "tối đa 2 dòng"],
    ["no issuer line", { issuerLines: [] }, "issuerLines", "ít nhất một dòng"],
    ["an issuer line over 80 characters", { issuerLines: ["Ủ".repeat(81)] }, "issuerLines.0", "tối đa 80"],
    ["a year before 2000", { year: 1999 }, "year", "từ 2000 đến 2100"],
    ["a year that is not a number", { year: Number.NaN }, "year", "Năm"],
    ["a theme over 160 characters", { theme: `${"a ".repeat(81)}b` }, "theme", "tối đa 160"],
  ])("refuses %s, naming the field", (_, patch, field, words) => {
    const problems = refusedSave(kit(patch as Partial<BrandKit>));
    expect(problems[0].field).toBe(field);
    expect(problems[0].messageVi).toContain(words);
    expect(brandKitStamp(t.handle)).toBeNull();
  });

  it("refuses a colour that is not #rrggbb and CMYK outside 0–1, listing both problems", () => {
    const problems = problemsOf(
      kit({
        palette: {
          accent: { name: "Vàng", rgb: "yellow", cmyk: [0, 0.08, 0.8, 0] },
          navy: { name: "Xanh", rgb: "#0b2e6b", cmyk: [1, 0.7, 0, 1.2] },
        },
      }),
    );
    expect(problems.map((p) => p.field)).toEqual(["palette.accent.rgb", "palette.navy.cmyk.3"]);
    expect(problems[0].messageVi).toContain("#rrggbb");
    expect(problems[1].messageVi).toContain("0 đến 100 %");
  });

  it("keeps the palette's slots fixed: an extra slot and a missing one are refused", () => {
    const extra = kit();
    (extra.palette as Record<string, unknown>).teal = {
      name: "Xanh ngọc",
      rgb: "#008080",
      cmyk: [1, 0, 0.5, 0],
    };
    expect(problemsOf(extra)[0].messageVi).toContain("không thêm ô màu mới");
    const missing = kit();
    delete (missing.palette as Partial<BrandKit["palette"]>).sky;
    expect(problemsOf(missing)[0].field).toBe("palette.sky");
  });

  it("refuses two slots with one screen colour and different inks (the PDF maps a colour to one CMYK)", () => {
    const problems = problemsOf(
      kit({ palette: { gold: { name: "Vàng kim", rgb: "#ffe34d", cmyk: [0, 0.2, 0.9, 0] } } }),
    );
    expect(problems).toEqual([
      {
        field: "palette.gold",
        messageVi: expect.stringContaining("cùng mã #ffe34d nhưng khác giá trị CMYK"),
      },
    ]);
  });

  it("refuses an issuer line with look-alike letters (Cyrillic А, О) instead of replacing them", () => {
    const problems = refusedSave(kit({ issuerLines: ["Ủy bаn nhân dân xã Lạc Phượng"] }));
    expect(problems).toEqual([
      {
        field: "issuerLines.0",
        messageVi: expect.stringMatching(/Cơ quan ban hành có chữ “а” \(U\+0430\).*bộ gõ tiếng Việt/),
      },
    ]);
    expect(getBrandKit(t.handle).issuerLines).toEqual(DEFAULT_BRAND_KIT.issuerLines);
  });

  it("refuses an invisible character in the hotline with the cleaner's message (code point and position)", () => {
    const problems = refusedSave(kit({ hotline: "Đường dây nóng:\u200B 0225 3842 123" }));
    expect(problems[0].field).toBe("hotline");
    expect(problems[0].messageVi).toContain("U+200B");
  });

  it("saves a primary/accent pair under 4.5:1 with a warning that gives the ratio", () => {
    const saved = saveBrandKit(
      t.handle,
      kit({ palette: { primary: { name: "Đỏ tươi", rgb: "#e53935", cmyk: [0, 0.9, 0.8, 0] } } }),
      USERS.admin,
    );
    expect(getBrandKit(t.handle).palette.primary.rgb).toBe("#e53935");
    const low = saved.warnings.filter((w) => w.code === "BRAND_LOW_CONTRAST").map((w) => w.messageVi);
    const yellowOnRed = low.filter((m) => m.includes("“Vàng sao” trên nền “Đỏ tươi”"));
    expect(yellowOnRed).toHaveLength(1);
    expect(yellowOnRed[0]).toMatch(/chỉ đạt độ tương phản 3,29:1, dưới mức tối thiểu 4,5:1/);
    expect(yellowOnRed[0]).toContain("Cổ động truyền thống");
    // Only pairs with the changed red are flagged.
    expect(low.every((m) => m.includes("Đỏ tươi"))).toBe(true);
  });

  it("has no warning for the default palette", () => {
    const r = checkBrandKit(kit());
    expect(r.ok && r.warnings).toEqual([]);
  });

  it("refuses a logo that is no media row of kind 'logo'", () => {
    expect(() =>
      saveBrandKit(t.handle, kit({ logoMediaId: "3b0c4a52-8a65-4c1e-9d7e-2f1e5c0b7a11" }), USERS.admin),
    ).toThrow(expect.objectContaining({ code: "BRAND_LOGO_INVALID" }));
    expect(brandKitStamp(t.handle)).toBeNull();
  });
});

describe("the logo (a media row of kind 'logo', read from the object store)", () => {
  let objects: ReturnType<typeof tempObjectStore>;
  beforeEach(() => {
    objects = tempObjectStore();
  });
  afterEach(() => objects.cleanup());

  async function stored(bytes: Buffer, kind: MediaKind, name: string) {
    const [out] = await ingestMedia({
      db: t.handle,
      store: objects.store,
      userId: USERS.admin,
      files: [{ bytes, name }],
      kind,
    });
    if (!out?.ok) throw new Error(`upload refused: ${JSON.stringify(out)}`);
    return out.id;
  }

  const SVG = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"><circle cx="60" cy="40" r="30" fill="#a50f15"/></svg>',
  );

  it("resolves an SVG logo to a data: URI of the stored bytes, with its hash and viewBox size", async () => {
    const id = await stored(SVG, "logo", "logo.svg");
    saveBrandKit(t.handle, kit({ logoMediaId: id }), USERS.admin);
    const brand = await loadBrand(t.handle, objects.store);
    const logo = brand.logo!;
    expect(logo.mime).toBe("image/svg+xml");
    expect([logo.width, logo.height]).toEqual([120, 80]);
    const bytes = Buffer.from(logo.dataUri.replace(/^data:image\/svg\+xml;base64,/, ""), "base64");
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(logo.sha256);
    expect(bytes.toString("utf8")).toContain("<circle");
  });

  it("resolves a PNG logo at its pixel size; a version records it by media id and hash", async () => {
    const png = await sharp({ create: { width: 640, height: 320, channels: 4, background: "#0b2e6bff" } })
      .png()
      .toBuffer();
    const id = await stored(png, "logo", "logo.png");
    saveBrandKit(t.handle, kit({ logoMediaId: id }), USERS.admin);
    const brand = await loadBrand(t.handle, objects.store);
    expect(brand.logo).toMatchObject({ mime: "image/png", width: 640, height: 320 });
    expect(brand.logo!.dataUri.startsWith("data:image/png;base64,iVBORw0KGgo")).toBe(true);
    const options = versionOptions(t.handle, { text: "x", brand });
    expect(options.brand).toMatchObject({ logo: { mediaId: id, sha256: brand.logo!.sha256 } });
  });

  it("refuses a photo as the logo", async () => {
    const id = await stored(await phonePhoto({ width: 900, height: 600 }), "photo", "anh.jpg");
    expect(() => saveBrandKit(t.handle, kit({ logoMediaId: id }), USERS.admin)).toThrow(
      expect.objectContaining({ code: "BRAND_LOGO_INVALID" }),
    );
  });
});

describe("what a version records (versionOptions, brandOfVersion)", () => {
  it("keeps the options and the kit's values, and gives them back to redraw the version", () => {
    const brand = { ...DEFAULT_BRAND, issuerLines: ["Ủy ban nhân dân xã Kiến Thụy"] };
    const options = versionOptions(t.handle, {
      text: "x",
      options: { palette: "do-vang", issuer: "UBND" },
      brand,
    });
    expect(options).toMatchObject({ palette: "do-vang", issuer: "UBND", brand: { logo: null } });
    // Stored as JSON and read back, as the version row does.
    const back = brandOfVersion(JSON.parse(JSON.stringify(options)));
    expect(back).toEqual(brand);
  });

  it("gives DEFAULT_BRAND for a version made before brand kits, and refuses a damaged snapshot", () => {
    expect(brandOfVersion({ issuer: "x" })).toBe(DEFAULT_BRAND);
    expect(() => brandOfVersion({ brand: { issuerLines: "no" } })).toThrow(
      expect.objectContaining({ code: "BRAND_SNAPSHOT_UNREADABLE" }),
    );
  });

  it("records a photo by its hash and focal point (no media row: no id)", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const options = versionOptions(t.handle, { text: "x", photo: { bytes, focus: { x: 0.2, y: 0.7 } } });
    expect(options.photo).toEqual({
      mediaId: null,
      sha256: "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81",
      focus: { x: 0.2, y: 0.7 },
    });
  });
});
