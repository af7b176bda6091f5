import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { activeUploads, MAX_CONCURRENT_UPLOADS, MAX_UPLOAD_BYTES } from "../../app/lib/upload.server";
import { action as verifyIndexAction } from "../../app/routes/verify._index";
import { getAsset, sha256Hex } from "../../storage/assets";
import { applyAssetEvent, createAsset, markPublished } from "../../workflows/service";
import { seededAppDbPerTest } from "../support/app-db";
import { fakeFiles, USERS } from "../support/db";

// A7 of issue 11: the public verify upload must not cost memory in proportion to what a
// stranger sends. The old cap read only Content-Length, so a chunked body (no Content-Length)
// was read whole. Here the body is a lazy stream with no length: the answer must be 413, the
// stream must be cancelled soon after the limit, and the process must not grow meanwhile.

const t = seededAppDbPerTest();

const MB = 1024 * 1024;
const BOUNDARY = "----codong-upload-test";
const enc = new TextEncoder();

function fileHead(name = "file", filename: string | null = "ban-in.pdf"): Uint8Array {
  const disposition = filename === null ? `name="${name}"` : `name="${name}"; filename="${filename}"`;
  return enc.encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; ${disposition}\r\nContent-Type: application/pdf\r\n\r\n`,
  );
}
const TAIL = enc.encode(`\r\n--${BOUNDARY}--\r\n`);

/** A body made on demand: the head, then `total` bytes of filler in 64 KB chunks, then the tail. */
function lazyBody(total: number, head = fileHead()) {
  const filler = new Uint8Array(64 * 1024).fill(0x25); // one buffer, so the test itself allocates nothing
  let sent = 0;
  let step: "head" | "data" | "tail" | "done" = "head";
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (step === "head") {
          step = "data";
          seen.pulled += head.byteLength;
          controller.enqueue(head);
        } else if (step === "data") {
          const n = Math.min(filler.byteLength, total - sent);
          sent += n;
          seen.pulled += n;
          controller.enqueue(n === filler.byteLength ? filler : filler.subarray(0, n));
          if (sent >= total) step = "tail";
        } else if (step === "tail") {
          step = "done";
          controller.enqueue(TAIL);
        } else controller.close();
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

/** A POST to /verify; a stream body is multipart with BOUNDARY unless said otherwise. */
function post(body: BodyInit, contentType?: string): Request {
  const type =
    contentType ?? (body instanceof ReadableStream ? `multipart/form-data; boundary=${BOUNDARY}` : null);
  return new Request("http://localhost/verify?index", {
    method: "POST",
    headers: type ? { "content-type": type } : {},
    body,
    duplex: "half",
  } as RequestInit);
}

interface Answer {
  status: number;
  headers: Headers;
  body: { error: string | null; hash: string | null; match: { assetCode: string; version: number } | null };
}

async function verify(request: Request): Promise<Answer> {
  const r = (await verifyIndexAction({ request, params: {}, context: {} })) as unknown as {
    type?: string;
    data?: unknown;
    init?: { status?: number; headers?: HeadersInit } | null;
  };
  if (r && r.type === "DataWithResponseInit") {
    return {
      status: r.init?.status ?? 200,
      headers: new Headers(r.init?.headers),
      body: r.data as Answer["body"],
    };
  }
  return { status: 200, headers: new Headers(), body: JSON.parse(JSON.stringify(r)) };
}

/** Runs `work` while sampling the process's memory; returns its result and the largest growth seen. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; rss: number; heap: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss - base.rss);
    heap = Math.max(heap, m.heapUsed + m.arrayBuffers - (base.heapUsed + base.arrayBuffers));
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await work();
    sample();
    return { result, rss, heap };
  } finally {
    clearInterval(timer);
  }
}

function publishedAsset() {
  const files = fakeFiles("upload-limit");
  const created = createAsset(t.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "traditional",
    formatId: "bang-ron-1x7",
    title: "Băng rôn (upload)",
    text: "Nội dung đã phát hành",
    files,
  });
  for (const [type, userId] of [
    ["SUBMIT", USERS.drafter],
    ["FORWARD", USERS.office],
    ["APPROVE", USERS.approver],
  ] as const) {
    const asset = getAsset(t.handle, created.assetId)!;
    applyAssetEvent(t.handle, {
      assetId: created.assetId,
      versionHash: asset.currentVersionHash!,
      event: { type, actor: { userId } },
    });
  }
  markPublished(t.handle, { assetId: created.assetId, versionHash: created.versionHash });
  return { code: created.code, pdf: files.pdf };
}

describe("verify upload limits", () => {
  it("a chunked 300 MB upload with no Content-Length is refused with 413, read no further, and memory stays flat", async () => {
    const total = 300 * MB;
    const { stream, seen } = lazyBody(total);
    const { result, rss, heap } = await peakGrowth(() => verify(post(stream)));
    expect(result.status).toBe(413);
    expect(result.body.error).toMatch(/quá lớn/);
    expect(result.body.hash).toBeNull();
    expect(seen.cancelled).toBe(true);
    // Read up to the limit and a chunk past it, never the rest.
    expect(seen.pulled).toBeLessThanOrEqual(MAX_UPLOAD_BYTES + MB);
    expect(seen.pulled).toBeLessThan(total / 1.9);
    // Reading the whole body costs 300 MB and more; hashing it as it comes leaves the heap flat.
    // RSS also carries the collector's slack for the parser's short-lived chunk copies (about 40 MB).
    expect(heap, `heap grew by ${(heap / MB).toFixed(1)} MB`).toBeLessThan(50 * MB);
    expect(rss, `RSS grew by ${(rss / MB).toFixed(1)} MB`).toBeLessThan(100 * MB);
    expect(activeUploads()).toBe(0);
  }, 120_000);

  it("a 20 MB file sent chunked in 64 KB pieces is hashed whole", async () => {
    const size = 20 * MB;
    const expected = createHash("sha256").update(new Uint8Array(size).fill(0x25)).digest("hex");
    const { stream, seen } = lazyBody(size);
    const got = await verify(post(stream));
    expect(got).toMatchObject({ status: 200, body: { error: null, hash: expected, match: null } });
    expect(seen.pulled).toBe(size + fileHead().byteLength);
  });

  it("a huge text field (no file) is refused after a few kilobytes", async () => {
    const { stream, seen } = lazyBody(300 * MB, fileHead("sha256", null));
    const got = await verify(post(stream));
    expect(got.status).toBe(413);
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(MB);
  });

  it("an oversized urlencoded body is refused after a few kilobytes", async () => {
    const { stream, seen } = lazyBody(300 * MB, enc.encode("sha256="));
    const got = await verify(post(stream, "application/x-www-form-urlencoded"));
    expect(got.status).toBe(413);
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(MB);
  });

  it(`holds at most ${MAX_CONCURRENT_UPLOADS} uploads at once: the next one gets 503 with Retry-After`, async () => {
    // Slow uploads: the part header and one chunk, then nothing until released.
    const held: { release: () => void; seen: { pulled: number } }[] = [];
    const pending: Promise<Answer>[] = [];
    const content = new Uint8Array(1000).fill(7);
    for (let i = 0; i < MAX_CONCURRENT_UPLOADS; i++) {
      let release = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const seen = { pulled: 0 };
      let step = 0;
      const stream = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            step++;
            if (step === 1) controller.enqueue(fileHead());
            else if (step === 2) controller.enqueue(content);
            else if (step === 3) {
              await gate;
              controller.enqueue(TAIL);
            } else controller.close();
            seen.pulled++;
          },
        },
        { highWaterMark: 0 },
      );
      held.push({ release, seen });
      pending.push(verify(post(stream)));
    }
    await expect.poll(() => activeUploads()).toBe(MAX_CONCURRENT_UPLOADS);

    const extra = lazyBody(1000);
    const busy = await verify(post(extra.stream));
    expect(busy.status).toBe(503);
    expect(Number(busy.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(busy.body.error).toMatch(/thử lại/);
    expect(extra.seen.pulled).toBe(0);

    for (const h of held) h.release();
    const done = await Promise.all(pending);
    for (const d of done) {
      expect(d.status).toBe(200);
      expect(d.body.hash).toBe(sha256Hex(content));
    }
    expect(activeUploads()).toBe(0);
    // The slots are free again.
    const after = await verify(post(lazyBody(1000).stream));
    expect(after.status).toBe(200);
  });

  it("a normal small PDF still verifies, sent with a length or chunked, and answers like its pasted hash", async () => {
    const a = publishedAsset();
    const form = new FormData();
    form.set("file", new File([new Uint8Array(a.pdf)], "ban-in.pdf", { type: "application/pdf" }));
    const uploaded = await verify(post(form));
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({
      error: null,
      hash: sha256Hex(a.pdf),
      match: { assetCode: a.code, version: 1 },
    });

    // The same bytes as a chunked stream in small pieces.
    const bytes = new Uint8Array([...fileHead(), ...a.pdf, ...TAIL]);
    let at = 0;
    const chunked = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(at, at + 7));
        at += 7;
      },
    });
    expect(await verify(post(chunked))).toEqual(uploaded);

    const pasted = await verify(post(new URLSearchParams({ sha256: sha256Hex(a.pdf) })));
    expect(pasted).toEqual(uploaded);

    // A file nobody published: its hash, no match.
    const other = new TextEncoder().encode("%PDF-1.7 không phải bản in");
    const unknownForm = new FormData();
    unknownForm.set("file", new File([other], "x.pdf"));
    expect((await verify(post(unknownForm))).body).toEqual({
      error: null,
      hash: sha256Hex(other),
      match: null,
    });
  });
});
