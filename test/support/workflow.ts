import { expect } from "vitest";
import type { DbHandle } from "../../storage/db";
import { isWorkflowError, type WorkflowError } from "../../domain/workflow-error";
import { createAsset } from "../../workflows/service";
import { dumpTables, type fakeFiles } from "./db";

export const ASSET_TEXT = "Dịch vụ công trực tuyến – nhanh chóng, minh bạch";

/** A draft of `actor` on plan cchc-2026, item 1.12 (hanh-chinh-hien-dai, bang-ron-0.8x5). */
export function newDraft(
  handle: DbHandle,
  actor: string,
  files: ReturnType<typeof fakeFiles>,
  text: string = ASSET_TEXT,
) {
  return createAsset(handle, {
    actor: { userId: actor },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "hanh-chinh-hien-dai",
    formatId: "bang-ron-0.8x5",
    text,
    files,
  });
}

/** The refusal `fn` throws, after checking it wrote nothing. */
export function refusal(handle: DbHandle, fn: () => unknown): WorkflowError {
  const before = dumpTables(handle);
  try {
    fn();
  } catch (e) {
    if (!isWorkflowError(e)) throw e;
    expect(dumpTables(handle)).toEqual(before);
    return e;
  }
  throw new Error("expected a refusal");
}

/** Records every uncaught exception and unhandled rejection while `fn` runs and for `waitMs` after. */
export async function uncaughtDuring(fn: () => void | Promise<void>, waitMs: number): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onError = (e: unknown) => seen.push(e);
  process.on("uncaughtException", onError);
  process.on("unhandledRejection", onError);
  try {
    await fn();
    await new Promise((r) => setTimeout(r, waitMs));
  } finally {
    process.off("uncaughtException", onError);
    process.off("unhandledRejection", onError);
  }
  return seen;
}
