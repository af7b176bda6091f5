// `render --photo FILE [--focus x,y]` and `templates --json`'s photo slots, in a real process.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { parseFocus, readPhotoFile } from "../../scripts/cli/render";
import { cli } from "../support/cli";
import { makeTestPhoto } from "../support/photo-fixture";

const dir = mkdtempSync(join(tmpdir(), "co-dong-cli-photo-"));
const photoPath = join(dir, "anh.jpg");
let designs: { id: string; kinds: string[]; photo: { label: string; required: boolean } | null }[];

/** A photo design for a kind of format, from the catalogue the CLI itself lists. */
const designFor = (kind: string) => designs.find((d) => d.photo && d.kinds.includes(kind))!.id;

beforeAll(async () => {
  writeFileSync(photoPath, await makeTestPhoto({ width: 3000, height: 2000, seed: 9 }));
  designs = JSON.parse((await cli("templates", "--json")).stdout);
});

describe("templates --json", () => {
  it("marks which designs take a photo", () => {
    expect(designs.find((d) => d.id === "co-dong-truyen-thong")?.photo).toBeNull();
    const withPhoto = designs.filter((d) => d.photo);
    expect(withPhoto.length).toBeGreaterThanOrEqual(3);
    for (const d of withPhoto) {
      expect(typeof d.photo!.label).toBe("string");
      expect(typeof d.photo!.required).toBe("boolean");
    }
  });
});

// One test starts five real CLI processes (tsx compiles the app each time): a busy machine needs
// more than the default minute for them.
describe("render --photo", { timeout: 180_000 }, () => {
  it("renders a PNG of a screen format with the photo", async () => {
    const out = join(dir, "social.png");
    const r = await cli(
      "render",
      "--template",
      designFor("screen"),
      "--format",
      "fb-link-1200x630",
      "--text",
      "Người dân hài lòng",
      "--photo",
      photoPath,
      "--focus",
      "0.72,0.58",
      "--out",
      out,
    );
    expect(r.stderr).not.toMatch(/^[A-Z_]+: /m);
    expect(r.code).toBe(0);
    const meta = await sharp(readFileSync(out)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 630]);
  });

  it("renders an A2 print PDF with the photo embedded as JPEG", async () => {
    const big = join(dir, "lon.jpg");
    writeFileSync(big, await makeTestPhoto({ width: 4200, height: 2800, seed: 9 }));
    const out = join(dir, "poster.pdf");
    const r = await cli(
      "render",
      "--template",
      designFor("poster"),
      "--format",
      "a2",
      "--text",
      "Người dân hài lòng",
      "--photo",
      big,
      "--out",
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    const list = execFileSync("pdfimages", ["-list", out], { encoding: "utf8" });
    expect(list.split("\n").filter((l) => /\bjpeg\b/.test(l))).toHaveLength(1);
  });

  it("refuses a photo the A2 poster cannot print sharply, writing nothing", async () => {
    const tiny = join(dir, "nho.jpg");
    writeFileSync(tiny, await makeTestPhoto({ width: 600, height: 400 }));
    const out = join(dir, "blurry.pdf");
    const r = await cli(
      "render",
      "--template",
      designFor("poster"),
      "--format",
      "a2",
      "--text",
      "Người dân hài lòng",
      "--photo",
      tiny,
      "--out",
      out,
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^LOW_RESOLUTION: Ảnh chỉ đạt \d+ ppi .* cần ít nhất 150 ppi/);
    expect(existsSync(out)).toBe(false);
  });

  it("gives one clear line with a stable code for a bad focus, a non-image and a design without a slot", async () => {
    const notImage = join(dir, "anh-gia.jpg");
    writeFileSync(notImage, "<?php system($_GET['c']); ?>");
    const base = ["--format", "fb-link-1200x630", "--text", "Người dân hài lòng"];
    const social = designFor("screen");
    for (const [args, code] of [
      [["--template", social, ...base, "--photo", photoPath, "--focus", "1.5,0.2"], "INVALID_FOCUS"],
      [["--template", social, ...base, "--photo", notImage], "PHOTO_UNREADABLE"],
      [["--template", social, ...base, "--photo", join(dir, "khong-co.jpg")], "PHOTO_FILE_MISSING"],
      [["--template", "co-dong-truyen-thong", ...base, "--photo", photoPath], "PHOTO_NOT_TAKEN"],
      [["--template", social, ...base, "--focus", "0.5,0.5"], "USAGE"],
    ] as const) {
      const out = join(dir, `bad-${code}.png`);
      const r = await cli("render", ...args, "--out", out);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^${code}: `));
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe("the photo arguments, in process", () => {
  it("reads --focus as two fractions and refuses anything else", () => {
    expect(parseFocus("0.72,0.58")).toEqual({ x: 0.72, y: 0.58 });
    expect(parseFocus(" 0 , 1 ")).toEqual({ x: 0, y: 1 });
    for (const bad of ["0.5", "a,b", "1.5,0.2", "-0.1,0.5", "0.5,0.5,0.5", "", "1e-1,0.5", "NaN,0.5"]) {
      expect(() => parseFocus(bad), bad).toThrow(expect.objectContaining({ code: "INVALID_FOCUS" }));
    }
  });

  it("turns a photo upright by its EXIF orientation and drops the metadata", async () => {
    const turned = join(dir, "xoay.jpg");
    // Stored sideways (1000 × 600 pixels) with orientation 6: upright it is 600 wide, 1000 high.
    const sideways = await sharp(await makeTestPhoto({ width: 1000, height: 600 }))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    writeFileSync(turned, sideways);
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const p = await readPhotoFile(turned, { x: 0.2, y: 0.3 });
    const meta = await sharp(p.bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.orientation, meta.exif]).toEqual([
      "jpeg",
      600,
      1000,
      undefined,
      undefined,
    ]);
    expect(p.focus).toEqual({ x: 0.2, y: 0.3 });
  });
});
