import { createHash } from "node:crypto";
import { type UploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

/**
 * The public verify form: a visitor uploads a print file (or pastes its SHA-256) and the server
 * looks the hash up. Anyone may post it, so reading the body must never cost memory in
 * proportion to what is sent:
 * - the multipart body is read as a stream and the file hashed chunk by chunk, never buffered;
 * - the limits count bytes actually received (Content-Length is only a hint, and a chunked
 *   body has none); past a limit the body is cancelled (nothing more is read) and the answer is 413;
 * - at most `MAX_CONCURRENT_UPLOADS` multipart bodies are read at once per process; more get 503.
 */
export const MAX_UPLOAD_BYTES = 150 * 1024 * 1024;
/** Everything in a verify form that is not file content: boundaries, part headers, the pasted hash. */
export const MAX_FORM_OVERHEAD_BYTES = 64 * 1024;
/** One text field (the pasted hash is 64 characters). */
const MAX_FIELD_BYTES = 1024;
export const MAX_CONCURRENT_UPLOADS = 3;
export const UPLOAD_RETRY_AFTER_SECONDS = 10;

const TOO_LARGE = "File quá lớn (tối đa 150 MB).";
const BUSY = "Máy chủ đang kiểm tra nhiều file cùng lúc. Vui lòng thử lại sau ít giây.";
const UNREADABLE = "Không đọc được dữ liệu gửi lên.";
const NOTHING = "Hãy chọn file PDF hoặc dán mã SHA-256 gồm 64 ký tự hệ 16.";

type Refusal = { hash: null; error: string; source: null; status: 200 | 413 | 503; retryAfter?: number };
export type FormHash = { hash: string; error: null; source: "file" | "pasted"; status: 200 } | Refusal;

class TooLarge extends Error {}

let active = 0;

/** How many verify uploads this process is reading now (for tests and diagnostics). */
export function activeUploads(): number {
  return active;
}

/** The hash to check from a verify form: an uploaded file (hashed here) or a pasted hex digest. */
export async function hashFromForm(request: Request): Promise<FormHash> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES + MAX_FORM_OVERHEAD_BYTES) {
    await request.body?.cancel().catch(() => {});
    return refused(413, TOO_LARGE);
  }
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    // Refused before a byte is read; Node discards the unread body once the answer is sent.
    if (active >= MAX_CONCURRENT_UPLOADS) {
      return { ...refused(503, BUSY), retryAfter: UPLOAD_RETRY_AFTER_SECONDS };
    }
    active++;
    try {
      return await hashMultipart(request);
    } finally {
      active--;
    }
  }
  if (type.startsWith("application/x-www-form-urlencoded")) return hashUrlEncoded(request);
  await request.body?.cancel().catch(() => {});
  return refused(200, UNREADABLE);
}

function refused(status: Refusal["status"], error: string): Refusal {
  return { hash: null, error, source: null, status };
}

function pastedHash(value: string | null): FormHash {
  const pasted = (value ?? "").trim().toLowerCase();
  if (/^[0-9a-f]{64}$/.test(pasted)) return { hash: pasted, error: null, source: "pasted", status: 200 };
  return refused(200, NOTHING);
}

/**
 * The request body behind a byte counter of what came off the wire. When `mayRead` (asked before
 * each read with the count before the last chunk) says no more, or `allowed` (asked with the count
 * after each read) says a chunk went too far, the body ends with TooLarge and the source is
 * cancelled, not drained.
 */
function countedBody(
  source: ReadableStream<Uint8Array>,
  allowed: (received: number) => boolean,
  mayRead: (receivedBeforeLastChunk: number) => boolean = () => true,
) {
  const reader = source.getReader();
  let received = 0;
  let last = 0;
  let finished = false;
  const stop = async () => {
    if (finished) return;
    finished = true;
    await reader.cancel().catch(() => {});
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!mayRead(received - last)) {
          await stop();
          controller.error(new TooLarge());
          return;
        }
        const { done, value } = await reader.read();
        if (done) {
          finished = true;
          controller.close();
          return;
        }
        received += value.byteLength;
        last = value.byteLength;
        if (!allowed(received)) {
          await stop();
          controller.error(new TooLarge());
          return;
        }
        controller.enqueue(value);
      },
      async cancel() {
        await stop();
      },
    },
    // No read-ahead: a chunk is read from the request only when the parser asks for one.
    { highWaterMark: 0 },
  );
  /** Reads what is left through the same limits (the parser may stop before the body's end). */
  const drain = async () => {
    while (!finished) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) {
        finished = true;
        break;
      }
      received += value?.byteLength ?? 0;
      if (!allowed(received)) await stop();
    }
  };
  return { stream, stop, drain };
}

async function hashMultipart(request: Request): Promise<FormHash> {
  if (!request.body) return refused(200, UNREADABLE);
  // File bytes go into a hash and are dropped; everything else the parser may hold on to, so it is
  // held to MAX_FORM_OVERHEAD_BYTES. The two together bound the body's size.
  let fileBytes = 0;
  // The parser asks for the next chunk once the file bytes of the one before the last reached the
  // handler, so before a read, `received - fileBytes`, less the last chunk, is what it holds.
  const body = countedBody(
    request.body,
    (received) => received <= MAX_UPLOAD_BYTES + MAX_FORM_OVERHEAD_BYTES,
    (received) => received - fileBytes <= MAX_FORM_OVERHEAD_BYTES,
  );
  let file: { hash: string; size: number } | null = null;
  const handler: UploadHandler = async (part) => {
    if (typeof part.filename === "string") {
      // Only the first `file` part counts (as FormData.get would); any other file is read and dropped.
      const digest = part.name === "file" && !file ? createHash("sha256") : null;
      let size = 0;
      for await (const chunk of part.data) {
        size += chunk.byteLength;
        fileBytes += chunk.byteLength;
        if (fileBytes > MAX_UPLOAD_BYTES) throw new TooLarge();
        digest?.update(chunk);
      }
      if (digest) file = { hash: digest.digest("hex"), size };
      return undefined;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      if (size > MAX_FIELD_BYTES) throw new TooLarge();
      chunks.push(chunk);
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  };
  const forwarded = new Request(request.url, {
    method: "POST",
    headers: request.headers,
    body: body.stream,
    duplex: "half",
  } as RequestInit);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(forwarded, handler);
  } catch (e) {
    // Nothing more is read from this request: past a limit the connection may drop, memory stays flat.
    await body.stop();
    return refused(e instanceof TooLarge ? 413 : 200, e instanceof TooLarge ? TOO_LARGE : UNREADABLE);
  }
  // The parser stops at the closing boundary; what follows (a CRLF) is read to the end, still within
  // the byte limit. Cancelling a live request's body here made remix-serve drop the connection, so
  // the browser never got the answer.
  await body.drain();
  const got = file as { hash: string; size: number } | null;
  if (got && got.size > 0) return { hash: got.hash, error: null, source: "file", status: 200 };
  const pasted = form.get("sha256");
  return pastedHash(typeof pasted === "string" ? pasted : null);
}

async function hashUrlEncoded(request: Request): Promise<FormHash> {
  if (!request.body) return refused(200, NOTHING);
  const body = countedBody(request.body, (received) => received <= MAX_FORM_OVERHEAD_BYTES);
  const chunks: Uint8Array[] = [];
  const reader = body.stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } catch (e) {
    return refused(e instanceof TooLarge ? 413 : 200, e instanceof TooLarge ? TOO_LARGE : UNREADABLE);
  } finally {
    await body.stop();
  }
  const params = new URLSearchParams(new TextDecoder().decode(Buffer.concat(chunks)));
  return pastedHash(params.get("sha256"));
}
