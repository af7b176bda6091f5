import { type UploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

// Reading a form that carries images (installation photos, decision 033; the media library,
// decision 036): multipart with files, or urlencoded without. The whole body is held until the
// images are re-encoded one by one, so each reader bounds what one post may carry and how many
// posts it reads at once.

/** Everything in such a form that is not a file: notes, captions and a few short fields. */
const MAX_FIELD_BYTES = 16 * 1024;
const UNREADABLE = "Không đọc được dữ liệu gửi lên. Vui lòng gửi lại.";

export interface ImageFormOptions {
  /** The file field's name ("photos", "files"); files under other names are read and dropped. */
  field: string;
  /** Bytes of one file; a larger one is read to its end, dropped and named in the answer. */
  maxFileBytes: number;
  /** Files one post may carry. */
  maxFiles: number;
  /** Posts read at once per process (503 beyond). */
  maxConcurrent: number;
  /** The Vietnamese answers of this form. */
  messages: {
    /** The body is over (maxFiles + 1) × maxFileBytes + 256 kB (413). */
    tooMuch: string;
    /** More than maxFiles files (400). */
    tooMany: string;
    /** Files over maxFileBytes, by their names (400). */
    tooLarge: (names: string[]) => string;
    /** A name for a file sent without one, 1-based. */
    unnamed: (n: number) => string;
    /** Another post is being read (503). */
    busy: string;
  };
}

/** One file as it came: its bytes and the name the sender gave it (120 characters at most). */
export interface FormFile {
  bytes: Buffer;
  name: string;
}

export type ImageForm =
  | {
      ok: true;
      /** Each text field's last value. */
      fields: Record<string, string>;
      /** Every text value in the order sent (a group of check boxes sends one name many times). */
      params: URLSearchParams;
      files: FormFile[];
      refusal: null;
    }
  | { ok: false; refusal: { error: string; status: 400 | 413 | 503 } };

class TooMuch extends Error {}

const refused = (status: 400 | 413 | 503, error: string): ImageForm => ({
  ok: false,
  refusal: { error, status },
});

function textOf(form: FormData) {
  const fields: Record<string, string> = {};
  const params = new URLSearchParams();
  for (const [k, v] of form) {
    if (typeof v !== "string") continue;
    fields[k] = v;
    params.append(k, v);
  }
  return { ok: true as const, fields, params, refusal: null };
}

/**
 * A reader of one kind of image form. The reader it returns takes a request (call it after
 * requireUser: nobody signed out gets a byte read) and gives its text fields and files: an empty
 * file field (nothing chosen) is no file; a file over `maxFileBytes` is read to its end and
 * dropped, and the answer (400) names it; more than `maxFiles` are read and refused (400); a body
 * over (maxFiles + 1) × maxFileBytes + 256 kB is refused (413) without keeping what came. The 400s
 * are answered after the whole body was read, so the browser gets them. At most `maxConcurrent`
 * multipart posts are read at once (503 otherwise).
 */
export function imageFormReader(o: ImageFormOptions): (request: Request) => Promise<ImageForm> {
  const maxBodyBytes = (o.maxFiles + 1) * o.maxFileBytes + 256 * 1024;
  let reading = 0;

  async function readMultipart(request: Request): Promise<ImageForm> {
    const files: FormFile[] = [];
    const oversized: string[] = [];
    let extra = 0;
    let total = 0;
    const take = async (data: AsyncIterable<Uint8Array>, limit: number | null) => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        total += chunk.byteLength;
        if (total > maxBodyBytes || (limit === null && size > MAX_FIELD_BYTES)) throw new TooMuch();
        // Past the file limit the bytes are counted, not kept: the form still gets its answer.
        if (limit === null || size <= limit) chunks.push(chunk);
      }
      return { bytes: Buffer.concat(chunks), size };
    };
    const handler: UploadHandler = async (part) => {
      if (typeof part.filename === "string") {
        const { bytes, size } = await take(part.data, part.name === o.field ? o.maxFileBytes : 0);
        if (part.name !== o.field || size === 0) return undefined;
        const name = part.filename.slice(0, 120) || o.messages.unnamed(files.length + oversized.length + 1);
        // Past the count, files are read (the body stays within maxBodyBytes) but not kept.
        if (files.length + oversized.length >= o.maxFiles) extra++;
        else if (size > o.maxFileBytes) oversized.push(name);
        else files.push({ bytes, name });
        return undefined;
      }
      return new TextDecoder().decode((await take(part.data, null)).bytes);
    };
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, handler);
    } catch (e) {
      return e instanceof TooMuch ? refused(413, o.messages.tooMuch) : refused(400, UNREADABLE);
    }
    if (extra > 0) return refused(400, o.messages.tooMany);
    if (oversized.length > 0) return refused(400, o.messages.tooLarge(oversized));
    return { ...textOf(form), files };
  }

  return async (request) => {
    const type = (request.headers.get("content-type") ?? "").toLowerCase();
    if (!type.startsWith("multipart/form-data")) {
      const form = await request.formData().catch(() => null);
      if (!form) return refused(400, UNREADABLE);
      return { ...textOf(form), files: [] };
    }
    if (Number(request.headers.get("content-length") ?? 0) > maxBodyBytes) {
      await request.body?.cancel().catch(() => {});
      return refused(413, o.messages.tooMuch);
    }
    if (reading >= o.maxConcurrent) return refused(503, o.messages.busy);
    reading++;
    try {
      return await readMultipart(request);
    } finally {
      reading--;
    }
  };
}
