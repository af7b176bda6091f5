import { z } from "zod";
import { isWorkflowError } from "../../domain/workflow-error";
import { setUserEmail } from "../../storage/notifications";
import { getUser, resetUserPassword, setUserActive, type User } from "../../storage/users";
import { db } from "./db.server";
import { userMessage } from "./errors.server";

// The admin's per-person actions beside the roles: e-mail address, a new password, lock/unlock.
// Storage checks the admin role again from the database; these only parse and word the outcome.

const userId = z.string().min(1).max(100);
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("email"), userId, email: z.string().max(400) }),
  z.object({ intent: z.literal("password"), userId, password: z.string().max(200) }),
  z.object({ intent: z.literal("active"), userId, active: z.enum(["0", "1"]) }),
]);

/** The intents `userAccountAction` handles. */
export const ACCOUNT_INTENTS = ["email", "password", "active"] as const;

export type AdminUserResult = { ok: string; error: null } | { ok: null; error: string; status: number };

/**
 * Applies one account action (`intent` email | password | active) of the admin users page as
 * `admin`. Returns the Vietnamese outcome; status 400 (refused input), 403, 404.
 */
export async function userAccountAction(admin: User, form: FormData): Promise<AdminUserResult> {
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: null, error: "Dữ liệu gửi lên không hợp lệ.", status: 400 };
  const f = parsed.data;
  const handle = db();
  const target = getUser(handle, f.userId);
  if (!target) return { ok: null, error: "Không tìm thấy người dùng.", status: 404 };
  try {
    if (f.intent === "email") {
      const email = setUserEmail(handle, { actorId: admin.id, userId: f.userId, email: f.email });
      return {
        ok: email
          ? `Đã lưu địa chỉ thư ${email} cho ${target.username}.`
          : `Đã xóa địa chỉ thư của ${target.username}.`,
        error: null,
      };
    }
    if (f.intent === "password") {
      await resetUserPassword(handle, { actorId: admin.id, userId: f.userId, password: f.password });
      return {
        ok: `Đã đặt mật khẩu mới cho ${target.username}; các phiên đăng nhập của người này đã kết thúc.`,
        error: null,
      };
    }
    const active = f.active === "1";
    const ended = setUserActive(handle, { actorId: admin.id, userId: f.userId, active });
    return {
      ok: active
        ? `Đã mở khóa tài khoản ${target.username}.`
        : `Đã khóa tài khoản ${target.username}; ${ended} phiên đăng nhập đã kết thúc.`,
      error: null,
    };
  } catch (e) {
    const status = isWorkflowError(e) ? ({ FORBIDDEN: 403, NOT_FOUND: 404 }[e.code as string] ?? 400) : 400;
    return { ok: null, error: userMessage(e), status };
  }
}
