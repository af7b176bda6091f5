import { EMAIL_NOTIFY_MODE_LABELS_VI, EMAIL_NOTIFY_MODES } from "../../domain/email";
import { ROLE_LABELS_VI } from "../../domain/roles";
import { z } from "zod";
import { setEmailNotifyMode } from "../../storage/notifications";
import { changeOwnPassword, type User } from "../../storage/users";
import { readToken } from "./auth.server";
import { db } from "./db.server";
import { userMessage } from "./errors.server";

// A person's own account page: how they hear by e-mail and their password. The address itself is
// the admin's to set (decision 080), so it is only shown here.

/** What the account page shows of `user`: names, roles, address, e-mail mode and its choices. */
export function accountView(user: User) {
  return {
    username: user.username,
    displayName: user.displayName,
    jobTitle: user.jobTitle,
    unitName: user.unitName,
    roles: user.roles.map((r) => ROLE_LABELS_VI[r]),
    email: user.email,
    emailNotify: user.emailNotify,
    modes: EMAIL_NOTIFY_MODES.map((m) => ({ value: m, label: EMAIL_NOTIFY_MODE_LABELS_VI[m] })),
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("mode"), mode: z.enum(EMAIL_NOTIFY_MODES) }),
  z.object({
    intent: z.literal("password"),
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(1).max(200),
    confirmPassword: z.string().max(200),
  }),
]);

export type AccountResult =
  | { ok: string; error: null; form: string }
  | { ok: null; error: string; status: number; form: string };

/**
 * Applies the account page's forms (`intent` mode | password) for the session user. Returns the
 * Vietnamese outcome with the form it belongs to; status 400 for input the rules refuse.
 */
export async function saveAccount(request: Request, user: User, form: FormData): Promise<AccountResult> {
  const intent = String(form.get("intent") ?? "");
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const error =
      intent === "password"
        ? "Vui lòng nhập đủ mật khẩu hiện tại và mật khẩu mới."
        : "Lựa chọn không hợp lệ.";
    return { ok: null, error, status: 400, form: intent };
  }
  const f = parsed.data;
  try {
    if (f.intent === "mode") {
      setEmailNotifyMode(db(), { actorId: user.id, userId: user.id, mode: f.mode });
      return { ok: `Đã lưu: ${EMAIL_NOTIFY_MODE_LABELS_VI[f.mode]}.`, error: null, form: f.intent };
    }
    if (f.newPassword !== f.confirmPassword) {
      return { ok: null, error: "Hai lần nhập mật khẩu mới không khớp.", status: 400, form: f.intent };
    }
    await changeOwnPassword(db(), {
      userId: user.id,
      currentPassword: f.currentPassword,
      newPassword: f.newPassword,
      keepToken: readToken(request),
    });
    return {
      ok: "Đã đổi mật khẩu. Các phiên đăng nhập trên thiết bị khác đã kết thúc.",
      error: null,
      form: f.intent,
    };
  } catch (e) {
    return { ok: null, error: userMessage(e), status: 400, form: f.intent };
  }
}
