import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { DomainError, isDomainError } from "../../domain/errors";

/** One line a person can act on: the stable code first, then the Vietnamese explanation. */
export function describeError(e: unknown): string {
  if (isDomainError(e)) return `${e.code}: ${e.messageVi}`;
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "EACCES" || err?.code === "EPERM" || err?.code === "EROFS") {
    return `OUTPUT_NOT_WRITABLE: không ghi được tệp (${err.path ?? ""}): không có quyền ghi.`;
  }
  if (err?.code === "ENOENT" && err.path)
    return `OUTPUT_NOT_WRITABLE: thư mục không tồn tại (${dirname(err.path)}).`;
  if (err?.code === "ENOTDIR" || err?.code === "EISDIR")
    return `OUTPUT_NOT_WRITABLE: đường dẫn không hợp lệ (${err.path ?? ""}).`;
  return `ERROR: ${err?.message ?? String(e)}`;
}

/** Written to a temporary name beside the target, then renamed: no half-written file is ever left. */
export async function writeAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export class UsageError extends DomainError {
  readonly code = "USAGE";
  constructor(messageVi: string) {
    super(messageVi, messageVi);
    this.name = "UsageError";
  }
}

export function parse<T extends Record<string, { type: "string" | "boolean" }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`tham số không hợp lệ: ${(e as Error).message}`);
  }
}
