import type { EmailNotifyMode } from "../../domain/email";
import type { Role } from "../../domain/roles";
import type { DbHandle } from "../db/connection";
import { all, first } from "../db/sync";

// What a notice is about, read back from the record rather than trusted from the job's payload:
// the audit row says who acted, in which role, why; the version says which slogan was decided on.

export interface NoticeAsset {
  assetId: string;
  code: string;
  title: string;
  formatId: string;
  /** The slogan of the version concerned (the decision's version, else the current one). */
  slogan: string | null;
  versionN: number | null;
}

export interface DecisionSource extends NoticeAsset {
  auditId: number;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorUserId: string | null;
  actorName: string | null;
  /** The role the decision was taken in ("system" for the publisher). */
  actorRole: string;
  reasonCode: string | null;
  reasonText: string | null;
  comment: string | null;
  /** ISO UTC. */
  at: string;
}

/** The audit row `auditId` with its asset and version; null when the row or its asset is gone. */
export function decisionSource(handle: DbHandle, auditId: number): DecisionSource | null {
  const r = first(
    handle.conn,
    handle.db
      .selectFrom("audit_events as e")
      .innerJoin("assets as a", "a.id", "e.asset_id")
      .leftJoin("asset_versions as v", (j) =>
        j.on((eb) => eb("v.id", "=", eb.fn.coalesce("e.version_id", "a.current_version_id"))),
      )
      .leftJoin("users as u", "u.id", "e.actor_user_id")
      .select([
        "e.id",
        "e.action",
        "e.from_state",
        "e.to_state",
        "e.actor_user_id",
        "u.display_name",
        "e.actor_role",
        "e.reason_code",
        "e.reason_text",
        "e.comment",
        "e.at",
        "a.id as asset_id",
        "a.code",
        "a.title",
        "a.format_id",
        "v.text",
        "v.n",
      ])
      .where("e.id", "=", auditId),
  );
  if (!r) return null;
  return {
    auditId: r.id,
    action: r.action,
    fromState: r.from_state,
    toState: r.to_state,
    actorUserId: r.actor_user_id,
    actorName: r.display_name,
    actorRole: r.actor_role,
    reasonCode: r.reason_code,
    reasonText: r.reason_text,
    comment: r.comment,
    at: r.at,
    assetId: r.asset_id,
    code: r.code,
    title: r.title,
    formatId: r.format_id,
    slogan: r.text,
    versionN: r.n,
  };
}

export interface CommentSource extends NoticeAsset {
  commentId: string;
  authorId: string;
  authorName: string | null;
  authorRoles: Role[];
  body: string;
  /** ISO UTC. */
  at: string;
}

/** The comment with its asset and version; null when it is gone. */
export function commentSource(handle: DbHandle, commentId: string): CommentSource | null {
  const r = first(
    handle.conn,
    handle.db
      .selectFrom("comments as c")
      .innerJoin("assets as a", "a.id", "c.asset_id")
      .leftJoin("asset_versions as v", (j) =>
        j.on((eb) => eb("v.id", "=", eb.fn.coalesce("c.version_id", "a.current_version_id"))),
      )
      .leftJoin("users as u", "u.id", "c.author_id")
      .select([
        "c.id",
        "c.author_id",
        "u.display_name",
        "c.body",
        "c.created_at",
        "a.id as asset_id",
        "a.code",
        "a.title",
        "a.format_id",
        "v.text",
        "v.n",
      ])
      .where("c.id", "=", commentId),
  );
  if (!r) return null;
  const roles = all(
    handle.conn,
    handle.db.selectFrom("user_roles").select("role").where("user_id", "=", r.author_id).orderBy("role"),
  ).map((x) => x.role);
  return {
    commentId: r.id,
    authorId: r.author_id,
    authorName: r.display_name,
    authorRoles: roles,
    body: r.body,
    at: r.created_at,
    assetId: r.asset_id,
    code: r.code,
    title: r.title,
    formatId: r.format_id,
    slogan: r.text,
    versionN: r.n,
  };
}

export interface Recipient {
  userId: string;
  displayName: string;
  email: string | null;
  emailNotify: EmailNotifyMode;
}

/**
 * Active users holding any of `roles`, plus the active users among `userIds`, without `exclude`
 * (the person who acted hears nothing about their own decision); ordered by id.
 */
export function resolveRecipients(
  handle: DbHandle,
  who: { roles: readonly Role[]; userIds: readonly string[]; exclude: string | null },
): Recipient[] {
  if (who.roles.length === 0 && who.userIds.length === 0) return [];
  let q = handle.db
    .selectFrom("users as u")
    .select(["u.id", "u.display_name", "u.email", "u.email_notify"])
    .where("u.active", "=", 1)
    .where((eb) =>
      eb.or([
        ...(who.userIds.length ? [eb("u.id", "in", [...who.userIds])] : []),
        ...(who.roles.length
          ? [
              eb.exists(
                eb
                  .selectFrom("user_roles as r")
                  .select("r.user_id")
                  .whereRef("r.user_id", "=", "u.id")
                  .where("r.role", "in", [...who.roles]),
              ),
            ]
          : []),
      ]),
    );
  if (who.exclude) q = q.where("u.id", "!=", who.exclude);
  return all(handle.conn, q.orderBy("u.id")).map((r) => ({
    userId: r.id,
    displayName: r.display_name,
    email: r.email,
    emailNotify: r.email_notify,
  }));
}
