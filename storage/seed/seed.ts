import type { DbHandle } from "../db/connection";
import { immediate } from "../db/sync";
import { createUser, getUserByUsername } from "../users";
import { seedDemoPlacements } from "./demo-placements";
import { DEMO_PASSWORD, DEMO_USERS } from "./demo-users";
import { CONTENT_ITEMS, PLAN, PLAN_REFERENCES, PLAN_SOURCE_FILE, TASKS, UNITS } from "./plan-data";

// Idempotent: rows have stable ids, upserts rewrite only the plan's own fields (never created_at),
// and demo users are created only when their username is absent (a changed password survives).

const SEEDED_AT = "2026-01-01T00:00:00.000Z";

export const contentItemId = (planId: string, code: string) => `${planId}:${code}`;
export const themeSloganId = (planId: string) => `${planId}:theme`;
const sloganId = (planId: string, code: string, i: number) => `${planId}:${code}:s${i + 1}`;
const taskId = (planId: string, n: number) => `${planId}:task-${n}`;

export function seedPlan(handle: DbHandle): void {
  const { conn } = handle;
  immediate(conn, () => {
    const unit = conn.prepare(
      `INSERT INTO units (id, name, short_name, kind, aliases_json, sort_order) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, short_name = excluded.short_name, kind = excluded.kind,
         aliases_json = excluded.aliases_json, sort_order = excluded.sort_order`,
    );
    UNITS.forEach((u, i) => {
      unit.run(u.id, u.name, u.shortName, u.kind, JSON.stringify(u.aliases), i + 1);
    });

    conn
      .prepare(
        `INSERT INTO plans (id, code, year, number, issued_on, issuing_unit_id, title, theme, signer_name,
           signer_title, source_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET code = excluded.code, year = excluded.year, number = excluded.number,
           issued_on = excluded.issued_on, issuing_unit_id = excluded.issuing_unit_id, title = excluded.title,
           theme = excluded.theme, signer_name = excluded.signer_name, signer_title = excluded.signer_title,
           source_file = excluded.source_file`,
      )
      .run(
        PLAN.id,
        PLAN.code,
        PLAN.year,
        PLAN.number,
        PLAN.issuedOn,
        PLAN.issuingUnitId,
        PLAN.title,
        PLAN.theme,
        PLAN.signerName,
        PLAN.signerTitle,
        PLAN_SOURCE_FILE,
      );

    const ref = conn.prepare(
      `INSERT INTO plan_references (id, plan_id, sort_order, number, issued_on, issuer, title) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET sort_order = excluded.sort_order, number = excluded.number,
         issued_on = excluded.issued_on, issuer = excluded.issuer, title = excluded.title`,
    );
    PLAN_REFERENCES.forEach((r, i) => {
      ref.run(`${PLAN.id}:${r.id}`, PLAN.id, i + 1, r.number, r.issuedOn, r.issuer, r.title);
    });

    const item = conn.prepare(
      `INSERT INTO content_items (id, plan_id, code, sort_order, title, text) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET code = excluded.code, sort_order = excluded.sort_order,
         title = excluded.title, text = excluded.text`,
    );
    // Seeded slogans keep their id; editing the seed text updates them, user slogans are never touched.
    const slogan = conn.prepare(
      `INSERT INTO slogans (id, plan_id, content_item_id, text, is_theme, origin, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, 'seed', NULL, ?)
       ON CONFLICT(id) DO UPDATE SET text = excluded.text, content_item_id = excluded.content_item_id,
         is_theme = excluded.is_theme`,
    );
    slogan.run(themeSloganId(PLAN.id), PLAN.id, null, PLAN.theme.normalize("NFC"), 1, SEEDED_AT);
    CONTENT_ITEMS.forEach((c, i) => {
      const id = contentItemId(PLAN.id, c.code);
      item.run(id, PLAN.id, c.code, i + 1, c.title.normalize("NFC"), c.text.normalize("NFC"));
      c.slogans.forEach((text, j) => {
        slogan.run(sloganId(PLAN.id, c.code, j), PLAN.id, id, text.normalize("NFC"), 0, SEEDED_AT);
      });
    });

    const task = conn.prepare(
      `INSERT INTO tasks (id, plan_id, number, title, text, lead_unit_id, lead_text, cooperating_text, time_text,
         due_date, product) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET number = excluded.number, title = excluded.title, text = excluded.text,
         lead_unit_id = excluded.lead_unit_id, lead_text = excluded.lead_text,
         cooperating_text = excluded.cooperating_text, time_text = excluded.time_text,
         due_date = excluded.due_date, product = excluded.product`,
    );
    const taskUnit = conn.prepare(
      `INSERT INTO task_units (task_id, unit_id, sort_order) VALUES (?, ?, ?)
       ON CONFLICT(task_id, unit_id) DO UPDATE SET sort_order = excluded.sort_order`,
    );
    for (const t of TASKS) {
      const id = taskId(PLAN.id, t.number);
      task.run(
        id,
        PLAN.id,
        t.number,
        t.title,
        t.text,
        t.leadUnitId,
        t.leadText,
        t.cooperatingText,
        t.timeText,
        t.dueDate,
        t.product,
      );
      t.cooperatingUnitIds.forEach((u, i) => {
        taskUnit.run(id, u, i + 1);
      });
    }
  });
}

/** Creates the five demo accounts that do not exist yet; returns the usernames created. */
export async function seedDemoUsers(handle: DbHandle, password = DEMO_PASSWORD): Promise<string[]> {
  const created: string[] = [];
  for (const u of DEMO_USERS) {
    const existing = getUserByUsername(handle, u.username);
    if (existing) {
      // Accounts seeded before e-mail existed get their demo address; one an admin set is kept.
      if (existing.email === null) fillDemoEmail(handle, existing.id, u.email);
      continue;
    }
    await createUser(handle, {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      jobTitle: u.jobTitle,
      unitId: u.unitId,
      password,
      roles: u.roles,
      email: u.email,
    });
    created.push(u.username);
  }
  return created;
}

function fillDemoEmail(handle: DbHandle, userId: string, email: string): void {
  handle.conn
    .prepare(
      `UPDATE users SET email = ? WHERE id = ? AND email IS NULL
         AND NOT EXISTS (SELECT 1 FROM users WHERE email = ?)`,
    )
    .run(email, userId, email);
}

export interface SeedOptions {
  demoUsers?: boolean;
}

export async function seedAll(
  handle: DbHandle,
  options: SeedOptions = {},
): Promise<{ usersCreated: string[] }> {
  seedPlan(handle);
  const usersCreated = options.demoUsers === false ? [] : await seedDemoUsers(handle);
  // Demo places come and go with the demo accounts: one switch for all demo data.
  if (options.demoUsers !== false) seedDemoPlacements(handle, PLAN.id, SEEDED_AT);
  return { usersCreated };
}
