import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import forge from "node-forge";
import sharp from "sharp";
import { renderSvg, svgToPng } from "../../templates/render/index.server";

// The documents are checked with tools that share no code with the writer: poppler's pdftotext,
// pdffonts, pdfinfo, pdfsig and pdftoppm read the bytes as a viewer or a RIP would.

const SHOTS =
  process.env.UPDATE_SCREENSHOTS === "1"
    ? path.resolve(import.meta.dirname, "../../docs/screenshots")
    : path.join(os.tmpdir(), "co-dong-document-shots");

/** Runs `fn` with `pdf` written to a temporary file; the file is removed afterwards. */
function withFile<T>(pdf: Uint8Array, fn: (file: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), "co-dong-pdf-"));
  const file = path.join(dir, "doc.pdf");
  writeFileSync(file, pdf);
  try {
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text pdftotext reads from `pdf`, in reading order (no layout), UTF-8. */
export function pdfText(pdf: Uint8Array): string {
  return withFile(pdf, (f) => execFileSync("pdftotext", ["-enc", "UTF-8", f, "-"], { encoding: "utf8" }));
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
}

/** pdffonts' table: one row per font of the document. */
export function pdfFonts(pdf: Uint8Array): FontRow[] {
  const out = withFile(pdf, (f) => execFileSync("pdffonts", [f], { encoding: "utf8" }));
  return out
    .split("\n")
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      // name, type (may hold spaces), encoding, emb, sub, uni, object, id
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l);
      if (!m) throw new Error(`pdffonts row not understood: ${l}`);
      return { name: m[1], type: m[2], embedded: m[4] === "yes" };
    });
}

/** pdfinfo's fields ("Pages", "Page size", "Title" …). */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const out = withFile(pdf, (f) => execFileSync("pdfinfo", [f], { encoding: "utf8" }));
  return Object.fromEntries(
    out
      .split("\n")
      .filter((l) => l.includes(":"))
      .map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]),
  );
}

/** pdfsig's report (stdout and stderr together; it exits non-zero for a bad signature). */
export function pdfSig(pdf: Uint8Array): string {
  return withFile(pdf, (f) => {
    const r = spawnSync("pdfsig", [f], { encoding: "utf8" });
    return `${r.stdout}${r.stderr}`;
  });
}

/** Page `page` (1-based) rendered by pdftoppm at `dpi`, as PNG bytes. */
export function pdfPagePng(pdf: Uint8Array, dpi: number, page = 1): Buffer {
  return withFile(pdf, (f) => {
    const stem = path.join(path.dirname(f), "page");
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      String(dpi),
      "-f",
      String(page),
      "-l",
      String(page),
      "-singlefile",
      f,
      stem,
    ]);
    return readFileSync(`${stem}.png`);
  });
}

/** Page 1 at 100 dpi into docs/screenshots/<name>.png with UPDATE_SCREENSHOTS=1, else a temporary folder. */
export function saveFirstPage(pdf: Uint8Array, name: string): string {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  writeFileSync(file, pdfPagePng(pdf, 100));
  return file;
}

/** A flat PNG of `width` × `height` px: a stand-in for a rendered version. */
export async function solidPng(
  width: number,
  height: number,
  rgb: [number, number, number],
): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } },
  })
    .png()
    .toBuffer();
}

/** The PNG the render engine makes of `text` in a design and format, at most 900 px: a real picture. */
export async function designPng(templateId: string, formatId: string, text: string): Promise<Uint8Array> {
  return (await svgToPng(await renderSvg(templateId, formatId, { text }), 900)).png;
}

/**
 * A PKCS#12 file with a fresh 2048-bit RSA key and a self-signed certificate for `commonName`,
 * protected by `password`: what an operator would export from a certificate store.
 */
export function selfSignedP12(commonName: string, password: string): Buffer {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = "0a1b2c3d";
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const name = [
    // node-forge encodes the JS string as UTF-8 for a UTF8String.
    {
      name: "commonName",
      value: commonName,
      valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
    },
    { name: "countryName", value: "VN" },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: "aes256" });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), "binary");
}
