import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
import { SignPdf, Signer } from "@signpdf/signpdf";
import forge from "node-forge";
import { PDFDocument } from "pdf-lib";
import { SigningError } from "./errors";

// PAdES baseline B-B signatures (decision 032): @signpdf/placeholder-pdf-lib reserves the
// signature dictionary (SubFilter ETSI.CAdES.detached) and @signpdf/signpdf fills the byte range;
// the CMS itself is built here. @signpdf/signer-p12 is not used for it: it writes a signing-time
// attribute and no ESS signing-certificate-v2, and ETSI EN 319 142-1 requires the reverse (the
// claimed time is the dictionary's /M; the certificate is bound by its hash). RSA keys only, as
// node-forge reads them; no timestamp (B-T) and no revocation data (LTV).

const { asn1, pki } = forge;
const OID = {
  data: pki.oids.data,
  signedData: pki.oids.signedData,
  sha256: pki.oids.sha256,
  rsaEncryption: pki.oids.rsaEncryption,
  contentType: pki.oids.contentType,
  messageDigest: pki.oids.messageDigest,
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
};
/** Hex digits reserved for the CMS (8 KB): a signer certificate and a chain of a few CA certificates. */
const SIGNATURE_HEX_DIGITS = 16_384;

export interface SignInfo {
  /** Why the document is signed ("Phê duyệt ấn phẩm CCHC-2026-1.12-0001"). */
  reason: string;
  /** The signer as the viewer shows it beside the certificate's own name. */
  name: string;
  location: string;
  contactInfo?: string;
  /** The claimed signing time (/M); default now. */
  signingTime?: Date;
}

interface Identity {
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
  /** Every certificate in the file, the signer's first. */
  chain: forge.pki.Certificate[];
}

const seq = (v: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, v);
const set = (v: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, v);
const oid = (o: string) =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(o).getBytes());
const integer = (bytes: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, bytes);
const octets = (bytes: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
const algorithm = (o: string) => seq([oid(o), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, "")]);
const tagged0 = (v: forge.asn1.Asn1[]) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, v);
const der = (node: forge.asn1.Asn1) => asn1.toDer(node).getBytes();
const sha256 = (binary: string) => forge.md.sha256.create().update(binary).digest().getBytes();

function invalid(message: string, cause?: unknown): SigningError {
  return new SigningError("SIGNING_P12_INVALID", message, { cause });
}

/** The RSA key of a PKCS#12 file and the certificate that matches it. */
function openP12(p12: Uint8Array, password: string): Identity {
  let bags: forge.pkcs12.Bag[];
  let certs: forge.pki.Certificate[];
  try {
    const store = forge.pkcs12.pkcs12FromAsn1(
      asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString("binary"))),
      false,
      password,
    );
    const of = (bagType: string) => store.getBags({ bagType })[bagType] ?? [];
    bags = [...of(pki.oids.pkcs8ShroudedKeyBag), ...of(pki.oids.keyBag)];
    certs = of(pki.oids.certBag).flatMap((b) => (b.cert ? [b.cert] : []));
  } catch (e) {
    // node-forge says "Invalid password?" for a wrong password and a parse error for other bytes.
    throw invalid(`cannot open the PKCS#12 file: ${(e as Error).message}`, e);
  }
  const key = bags.map((b) => b.key).find((k): k is forge.pki.rsa.PrivateKey => Boolean(k && "n" in k));
  if (!key) throw invalid("the PKCS#12 file holds no RSA private key");
  const cert = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.equals(key.n) && pub.e?.equals(key.e);
  });
  if (!cert) throw invalid("no certificate in the PKCS#12 file matches its private key");
  return { key, cert, chain: [cert, ...certs.filter((c) => c !== cert)] };
}

/**
 * IssuerAndSerialNumber from the certificate's own encoding: rebuilt from node-forge's parsed
 * names, a UTF8String issuer comes out encoded twice and no verifier finds the signer.
 */
function issuerAndSerial(cert: forge.pki.Certificate): forge.asn1.Asn1 {
  const tbs = (cert as forge.pki.Certificate & { tbsCertificate: forge.asn1.Asn1 }).tbsCertificate;
  const fields = tbs.value as forge.asn1.Asn1[];
  const at = fields[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0; // [0] version is optional
  return seq([fields[at + 2], fields[at]]);
}

/**
 * CMS SignedData over `content`, detached, with the signed attributes of CAdES baseline B:
 * content-type, message-digest and signing-certificate-v2 (the certificate's SHA-256).
 */
function cadesDetached(content: Buffer, id: Identity): Buffer {
  const certDer = der(pki.certificateToAsn1(id.cert));
  const attributes = [
    seq([oid(OID.contentType), set([oid(OID.data)])]),
    seq([oid(OID.messageDigest), set([octets(sha256(content.toString("binary")))])]),
    seq([oid(OID.signingCertificateV2), set([seq([seq([seq([octets(sha256(certDer))])])])])]),
  ]
    // DER orders the members of a SET OF by their encodings.
    .map((node) => ({ node, bytes: der(node) }))
    .sort((a, b) => (a.bytes < b.bytes ? -1 : a.bytes > b.bytes ? 1 : 0))
    .map((a) => a.node);
  const md = forge.md.sha256.create();
  md.update(der(set(attributes)));
  const signerInfo = seq([
    integer("\x01"),
    issuerAndSerial(id.cert),
    algorithm(OID.sha256),
    tagged0(attributes),
    algorithm(OID.rsaEncryption),
    octets(id.key.sign(md)),
  ]);
  const signedData = seq([
    integer("\x01"),
    set([algorithm(OID.sha256)]),
    seq([oid(OID.data)]),
    tagged0(id.chain.map((c) => pki.certificateToAsn1(c))),
    set([signerInfo]),
  ]);
  return Buffer.from(der(seq([oid(OID.signedData), tagged0([signedData])])), "binary");
}

class CadesSigner extends Signer {
  constructor(private readonly id: Identity) {
    super();
  }
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return cadesDetached(pdfBuffer, this.id);
  }
}

/**
 * A PDF text string (UTF-16BE with its byte-order mark) as the raw content of the literal string
 * pdf-lib's PDFString writes without escaping: Vietnamese survives, and the bytes a literal string
 * treats specially — ( ) \ and CR, which "ĩ" (U+0129) and others contain — are escaped.
 */
export function pdfTextLiteral(text: string): string {
  let out = "\u00fe\u00ff";
  const s = text.normalize("NFC");
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    for (const b of [unit >> 8, unit & 0xff]) {
      if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
      else if (b === 0x0d) out += "\\r";
      else out += String.fromCharCode(b);
    }
  }
  return out;
}

/**
 * `pdf` signed with the RSA key and certificate of the PKCS#12 file `p12`: an invisible signature
 * field on page 1, SubFilter ETSI.CAdES.detached, SHA-256, PAdES baseline B-B. The reason, name,
 * location and contact info are stored as Unicode text strings. Errors: SigningError
 * SIGNING_P12_INVALID (wrong password, not a PKCS#12, no RSA key or no matching certificate),
 * SIGNING_FAILED (the signature could not be placed).
 */
export async function signPdf(
  pdf: Uint8Array,
  p12: Uint8Array,
  password: string,
  info: SignInfo,
): Promise<Uint8Array> {
  const id = openP12(p12, password);
  try {
    const doc = await PDFDocument.load(pdf);
    pdflibAddPlaceholder({
      pdfDoc: doc,
      reason: pdfTextLiteral(info.reason),
      name: pdfTextLiteral(info.name),
      location: pdfTextLiteral(info.location),
      contactInfo: pdfTextLiteral(info.contactInfo ?? ""),
      signingTime: info.signingTime ?? new Date(),
      subFilter: "ETSI.CAdES.detached",
      signatureLength: SIGNATURE_HEX_DIGITS,
    });
    // The byte range is found by scanning the file: no object streams around the placeholder.
    const prepared = await doc.save({ useObjectStreams: false });
    return new Uint8Array(await new SignPdf().sign(Buffer.from(prepared), new CadesSigner(id)));
  } catch (e) {
    throw new SigningError("SIGNING_FAILED", (e as Error).message, { cause: e });
  }
}
