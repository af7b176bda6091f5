import { createServer } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server (smtp-server, by nodemailer's author) on a free local port, with password
// authentication, for the notifier's tests; and a small MIME reader written independently of
// nodemailer, so the tests check the wire format rather than trust the library that wrote it.

export interface ReceivedMail {
  /** SMTP envelope: MAIL FROM and RCPT TO. */
  from: string;
  to: string[];
  raw: string;
}

export interface TestSmtp {
  port: number;
  /** `smtp://USER:PASS@127.0.0.1:port`: authentication and the URL form both exercised. */
  url: string;
  received: ReceivedMail[];
  /** RCPT TO addresses answered with 550 (refused for good). */
  refuse: Set<string>;
  /** Stops listening: connections are refused, as when the mail server is down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export const SMTP_USER = "co-dong";
export const SMTP_PASS = "mật-khẩu-thư";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      s.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const port = await freePort();
  const received: ReceivedMail[] = [];
  const refuse = new Set<string>();
  let server: SMTPServer | null = null;
  const make = () =>
    new SMTPServer({
      // Plain connection: the test exercises SMTP, not TLS (STARTTLS would need a trusted certificate).
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      authOptional: false,
      logger: false,
      onAuth(auth, _session, cb) {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASS) cb(null, { user: auth.username });
        else cb(new Error("Invalid username or password"));
      },
      onRcptTo(address, _session, cb) {
        if (refuse.has(address.address)) {
          const err = new Error(`5.1.1 <${address.address}>: mailbox unavailable`) as Error & {
            responseCode: number;
          };
          err.responseCode = 550;
          cb(err);
        } else cb();
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("latin1"),
          });
          cb();
        });
      },
    });
  const t: TestSmtp = {
    port,
    url: `smtp://${encodeURIComponent(SMTP_USER)}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${port}`,
    received,
    refuse,
    async start() {
      if (server) return;
      const s = make();
      await new Promise<void>((resolve, reject) => {
        s.once("error", reject);
        s.listen(port, "127.0.0.1", () => resolve());
      });
      server = s;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
  await t.start();
  return t;
}

// ---- Reading a message.

export interface ParsedMail {
  /** Raw header values (unfolded), by lower-case name; the first occurrence. */
  headers: Record<string, string>;
  /** Decoded text parts by media type ("text/plain", "text/html"). */
  parts: Record<string, { contentType: string; body: string }>;
}

function splitHead(raw: string): { head: string; body: string } {
  const i = raw.indexOf("\r\n\r\n");
  return i < 0 ? { head: raw, body: "" } : { head: raw.slice(0, i), body: raw.slice(i + 4) };
}

function parseHeaders(head: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const c = line.indexOf(":");
    if (c < 0) continue;
    const name = line.slice(0, c).trim().toLowerCase();
    if (!(name in out)) out[name] = line.slice(c + 1).trim();
  }
  return out;
}

function bytesOfLatin1(s: string): Buffer {
  return Buffer.from(s, "latin1");
}

function decodeQuotedPrintable(s: string, underscoreIsSpace = false): Buffer {
  const text = s.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (underscoreIsSpace && ch === "_") bytes.push(0x20);
    else bytes.push(text.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

/** RFC 2047: decodes every encoded word (UTF-8 only); whitespace between two encoded words goes. */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, charset: string, enc: string, text: string) => {
      if (!/^utf-8$/i.test(charset)) throw new Error(`unexpected charset ${charset}`);
      const buf = /b/i.test(enc) ? Buffer.from(text, "base64") : decodeQuotedPrintable(text, true);
      return buf.toString("utf8");
    });
}

function decodeBody(body: string, transferEncoding: string | undefined): string {
  const te = (transferEncoding ?? "7bit").toLowerCase();
  if (te === "quoted-printable") return decodeQuotedPrintable(body).toString("utf8");
  if (te === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return bytesOfLatin1(body).toString("utf8");
}

function collectParts(raw: string, into: ParsedMail["parts"]): void {
  const { head, body } = splitHead(raw);
  const h = parseHeaders(head);
  const ct = h["content-type"] ?? "text/plain";
  const type = ct.split(";")[0].trim().toLowerCase();
  if (type.startsWith("multipart/")) {
    const boundary = /boundary="?([^";]+)"?/i.exec(ct)?.[1];
    if (!boundary) throw new Error("multipart without boundary");
    const pieces = body.split(`--${boundary}`);
    for (const piece of pieces.slice(1)) {
      if (piece.startsWith("--")) break;
      collectParts(piece.replace(/^\r\n/, "").replace(/\r\n$/, ""), into);
    }
    return;
  }
  into[type] = { contentType: ct, body: decodeBody(body, h["content-transfer-encoding"]) };
}

export function parseMail(raw: string): ParsedMail {
  const { head } = splitHead(raw);
  const parts: ParsedMail["parts"] = {};
  collectParts(raw, parts);
  return { headers: parseHeaders(head), parts };
}
