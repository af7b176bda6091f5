import { writeFileSync } from "node:fs";
import path from "node:path";
import forge from "node-forge";
import { PDFDict, PDFDocument, PDFName, type PDFString } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvalMinutePdf } from "../../storage/minute";
import { SigningError } from "../../templates/documents/errors";
import { signPdf } from "../../templates/documents/sign";
import { seededDb, type TempDb } from "../support/db";
import { type MinuteAsset, returnedThenApproved } from "./minute-fixture";
import { pdfInfo, pdfSig, pdfText, selfSignedP12 } from "./pdf-tools";

// Decision 032: with SIGNING_P12_PATH / SIGNING_P12_PASSWORD the minute is signed, PAdES B-B
// (ETSI.CAdES.detached). A certificate made here signs; poppler's pdfsig (NSS underneath, no code
// shared with the signer) checks the signature, and finds a one-byte change.

const CN = "Ủy ban nhân dân xã Lạc Phượng (thử nghiệm)";
const PASSWORD = "khoa-ky-so-thu-2026";

let t: TempDb;
let a: MinuteAsset;
let p12: Buffer;
let p12Path: string;
let signed: Uint8Array;
beforeAll(async () => {
  t = await seededDb();
  a = await returnedThenApproved(t.handle, "signed");
  p12 = selfSignedP12(CN, PASSWORD);
  p12Path = path.join(t.dir, "ky-so.p12");
  writeFileSync(p12Path, p12);
  const out = await approvalMinutePdf(t.handle, a.code, {
    verifyOrigin: "https://codong.lacphuong.example",
    signing: { p12Path, password: PASSWORD },
  });
  expect(out.signed).toBe(true);
  signed = out.pdf;
});
afterAll(() => t.cleanup());

/** The byte ranges the signature covers: [start, length, start, length]. */
function byteRange(pdf: Uint8Array): number[] {
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(Buffer.from(pdf).toString("latin1"));
  if (!m) throw new Error("no /ByteRange");
  return m.slice(1).map(Number);
}

/** The CMS in /Contents, DER. */
function cms(pdf: Uint8Array): forge.asn1.Asn1 {
  const [, end1, start2] = byteRange(pdf);
  const hex = Buffer.from(pdf.subarray(end1 + 1, start2 - 1)).toString("latin1");
  return forge.asn1.fromDer(forge.util.hexToBytes(hex.replace(/(00)+$/, "")), false);
}

describe("a signed minute", () => {
  it("passes pdfsig: valid, ETSI.CAdES.detached, SHA-256, the whole file signed, by our certificate", () => {
    const report = pdfSig(signed);
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("Signature Type: ETSI.CAdES.detached");
    expect(report).toContain("Signing Hash Algorithm: SHA-256");
    expect(report).toContain("Total document signed");
    expect(report).toContain(`Signer Certificate Common Name: ${CN}`);
    expect(report.match(/Signature #\d+:/g)).toHaveLength(1);
  });

  it("is still one A4 page of real text, and says it is signed", () => {
    expect(pdfInfo(signed).Pages).toBe("1");
    expect(pdfText(signed).replace(/\s+/g, " ")).toContain("mang chữ ký số (PAdES)");
    expect(pdfText(signed)).toContain(a.code);
  });

  it("carries the PAdES B-B signed attributes: content type, digest, signing-certificate-v2, no signing-time", () => {
    const signedData = (cms(signed).value as forge.asn1.Asn1[])[1].value[0] as forge.asn1.Asn1;
    const parts = signedData.value as forge.asn1.Asn1[];
    const signerInfo = (parts[parts.length - 1].value as forge.asn1.Asn1[])[0];
    const attrs = (signerInfo.value as forge.asn1.Asn1[])[3];
    expect(attrs.tagClass).toBe(forge.asn1.Class.CONTEXT_SPECIFIC);
    const oids = (attrs.value as forge.asn1.Asn1[]).map((attr) =>
      forge.asn1.derToOid((attr.value as forge.asn1.Asn1[])[0].value as string),
    );
    expect(oids.sort()).toEqual(
      [
        forge.pki.oids.contentType,
        forge.pki.oids.messageDigest,
        "1.2.840.113549.1.9.16.2.47", // id-aa-signingCertificateV2
      ].sort(),
    );
    expect(oids).not.toContain(forge.pki.oids.signingTime);
  });

  it("stores reason, name and location as Vietnamese text", async () => {
    const doc = await PDFDocument.load(signed);
    const sig = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .find((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of("Type")) === PDFName.of("Sig"));
    const field = (k: string) => (sig!.get(PDFName.of(k)) as PDFString).decodeText();
    expect(field("Reason")).toBe(`Phê duyệt ấn phẩm ${a.code}, phiên bản 2`);
    expect(field("Name")).toBe("Ủy ban nhân dân xã Lạc Phượng");
    expect(field("Location")).toBe("Lạc Phượng");
    expect(field("ContactInfo")).toMatch(/^https:\/\/codong\.lacphuong\.example\/verify\/[0-9A-Z]{8}$/);
  });

  it("one byte changed inside the signed range makes it invalid", () => {
    const [start1, len1] = byteRange(signed);
    const tampered = new Uint8Array(signed);
    // Inside the first range, in the binary comment after %PDF-1.7: the file still parses.
    const at = start1 + 10;
    expect(at).toBeLessThan(start1 + len1);
    tampered[at] ^= 0x01;
    const report = pdfSig(tampered);
    expect(report).not.toContain("Signature is Valid.");
    expect(report).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
  });

  it("a text string with ( ) \\ and ĩ survives in the signature dictionary", async () => {
    const out = await signPdf(signed, p12, PASSWORD, {
      reason: "Kiểm tra (ngoặc) \\ gạch chéo và chữ ĩ Ĩ",
      name: "Tên",
      location: "Nơi",
    });
    const doc = await PDFDocument.load(out);
    const reasons = doc.context
      .enumerateIndirectObjects()
      .map(([, o]) => o)
      .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of("Type")) === PDFName.of("Sig"))
      .map((d) => (d.get(PDFName.of("Reason")) as PDFString).decodeText());
    expect(reasons).toContain("Kiểm tra (ngoặc) \\ gạch chéo và chữ ĩ Ĩ");
  });
});

describe("a key that cannot sign", () => {
  async function refusal(run: () => Promise<unknown>): Promise<SigningError> {
    try {
      await run();
    } catch (e) {
      if (e instanceof SigningError) return e;
      throw e;
    }
    throw new Error("signed anyway");
  }
  const info = { reason: "Thử", name: "Thử", location: "Thử" };

  it("a wrong password is SIGNING_P12_INVALID, a fault with a Vietnamese message", async () => {
    const e = await refusal(() => signPdf(signed, p12, "sai-mat-khau", info));
    expect(e.code).toBe("SIGNING_P12_INVALID");
    expect(e.fault).toBe(true);
    expect(e.messageVi).toContain("sai mật khẩu");
    expect(e.message).toMatch(/Invalid password/);
  });

  it("bytes that are not a PKCS#12 file, or no file at all, are SIGNING_P12_INVALID too", async () => {
    expect((await refusal(() => signPdf(signed, Buffer.from("not a p12"), PASSWORD, info))).code).toBe(
      "SIGNING_P12_INVALID",
    );
    const missing = await refusal(() =>
      approvalMinutePdf(t.handle, a.code, {
        verifyOrigin: "https://codong.lacphuong.example",
        signing: { p12Path: path.join(t.dir, "khong-co.p12"), password: PASSWORD },
      }),
    );
    expect(missing.code).toBe("SIGNING_P12_INVALID");
    expect(missing.message).toContain("khong-co.p12");
  });
});
