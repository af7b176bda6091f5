import { afterEach, describe, expect, it, vi } from "vitest";
import { renderVersionFiles } from "../../app/lib/render.server";
import { slugVerifyCode } from "../../storage/assets";
import { getFormat } from "../../templates/formats";
import { renderAssetFiles, type SlugInfo } from "../../templates/render/index.server";
import { slugSegments } from "../../templates/render/print-marks";

// The slug line of a version's print PDF (A4 of issue 11): the version once ("Phiên bản 2", not
// "Phiên bản Phiên bản 2") and the 8-character verify code, which the verify page accepts and
// which the QR code links to. The slug is drawn as glyph outlines (no text to extract), so the
// test checks the slug the app hands the renderer and that the stored PDF is byte for byte the
// render of exactly that slug text.

process.env.RENDER_WORKERS = "0"; // render in this thread: no worker bundle needed

const seen = vi.hoisted(() => [] as { slug: SlugInfo; when: Date | undefined }[]);
vi.mock("../../templates/render/pool.server", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../templates/render/pool.server")>();
  return {
    ...real,
    filesInPool: (t: string, f: string, i: never, slug: SlugInfo, when?: Date) => {
      seen.push({ slug, when });
      return real.filesInPool(t, f, i, slug, when);
    },
  };
});
afterEach(() => {
  seen.length = 0;
});

const TEMPLATE = "co-dong-truyen-thong";
const FORMAT = "bang-ron-1x7";
const CODE = "CCHC-2026-1.12-0001";
const INPUT = { text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi", options: {} };
const VERIFY_CODE = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/** The slug text as printMarksOps lays it out (index.server adds the format label). */
function slugText(slug: SlugInfo): string {
  const { main, tail } = slugSegments({ ...slug, formatLabel: getFormat(FORMAT).label });
  return [...main, ...tail].join(" · ");
}

describe("slug line of a version's print PDF", () => {
  it("names the version once and carries the verify code the QR links to", async () => {
    const now = new Date("2026-03-02T03:00:00Z");
    const { files } = await renderVersionFiles(TEMPLATE, FORMAT, INPUT, {
      assetCode: CODE,
      versionN: 2,
      origin: "https://xa.example.vn",
      now,
    });
    expect(seen).toHaveLength(1);
    const { slug, when } = seen[0]!;
    const code = slugVerifyCode(CODE, 2);
    expect(code).toMatch(VERIFY_CODE);
    const text = slugText(slug);
    expect(text.match(/Phiên bản/g)).toHaveLength(1);
    expect(text).toContain("Phiên bản 2");
    expect(text).toContain(`Mã xác minh ${code}`);
    expect(text).toContain(CODE);
    expect(slug.verifyUrl).toBe(`https://xa.example.vn/verify/${code}`);

    // The stored PDF is exactly the render of that slug: version "2", the code, the QR URL.
    const reference = await renderAssetFiles(
      TEMPLATE,
      FORMAT,
      INPUT,
      { assetCode: CODE, version: "2", date: "02/03/2026", verifyCode: code, verifyUrl: slug.verifyUrl },
      when,
    );
    const pdf = reference.files.find((f) => f.kind === "pdf")!;
    expect(Buffer.from(files.pdf!).equals(Buffer.from(pdf.bytes))).toBe(true);
  });

  it("the verify code is a function of the asset code and version: stable, and different per version", () => {
    expect(slugVerifyCode(CODE, 2)).toBe(slugVerifyCode(CODE, 2));
    const codes = new Set([1, 2, 3].map((n) => slugVerifyCode(CODE, n)));
    codes.add(slugVerifyCode("CCHC-2026-1.12-0002", 1));
    expect(codes.size).toBe(4);
    for (const c of codes) expect(c).toMatch(VERIFY_CODE);
  });

  it("a caller that already wrote “Phiên bản” does not get it twice", () => {
    const base = { assetCode: CODE, formatLabel: "Băng rôn", date: "02/03/2026" };
    for (const version of ["2", "Phiên bản 2", "phiên bản 2", "Phiên bản 2".normalize("NFD")]) {
      const text = [...slugSegments({ ...base, version }).main].join(" · ");
      expect(text.match(/Phiên bản/gi), version).toHaveLength(1);
      expect(text).toContain("Phiên bản 2");
    }
  });
});
