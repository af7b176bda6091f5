import type { DbHandle } from "../../storage/db";
import { exec, first } from "../../storage/db/sync";
import { WorkflowError } from "../../workflows/errors";
import { MAX_SLOGAN_CHARS } from "../../templates/text/normalize";

// Adapter: storage/plan.ts has createSlogan but no edit. Seeded slogans stay as the plan
// team wrote them; a drafter edits slogans drafters added. Assets keep their own text, so an
// edit never changes an asset already made from the slogan.

export function cleanSlogan(text: string): string {
  const t = text.normalize("NFC").replace(/\s+/g, " ").trim();
  if (!t) throw new WorkflowError("INVALID_INPUT", "empty slogan");
  if ([...t].length > MAX_SLOGAN_CHARS) throw new WorkflowError("INVALID_INPUT", "slogan too long");
  return t;
}

export function updateSlogan(handle: DbHandle, input: { id: string; text: string; userId: string }): void {
  const text = cleanSlogan(input.text);
  const row = first(
    handle.sqlite,
    handle.db.selectFrom("slogans").select(["id", "origin"]).where("id", "=", input.id),
  );
  if (!row) throw new WorkflowError("NOT_FOUND", "slogan not found");
  if (row.origin !== "user") throw new WorkflowError("FORBIDDEN", "seeded slogans are read-only");
  exec(handle.sqlite, handle.db.updateTable("slogans").set({ text }).where("id", "=", input.id));
}
