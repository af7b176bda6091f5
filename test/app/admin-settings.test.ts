import { describe, expect, it } from "vitest";
import { action } from "../../app/routes/admin.settings";
import { parseHolidayLines, parseViDate } from "../../app/lib/admin-settings.server";
import { getPlanSummary, updatePlanNumber } from "../../storage/plan";
import { getSetting } from "../../storage/settings";
import { createSession } from "../../storage/users";
import { isWorkflowError } from "../../domain/workflow-error";
import { seededAppDbPerTest } from "../support/app-db";
import { USERS } from "../support/db";
import { refusal } from "../support/errors";

// The admin's settings (issue 12 §6): reminder thresholds, holidays typed dd/mm/yyyy, the plan's
// number and date of issue.

const t = seededAppDbPerTest();

async function post(fields: Record<string, string>, user: string = USERS.admin) {
  const request = new Request("http://localhost/admin/settings", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie: `cd_session=${createSession(t.handle, user).token}` },
  });
  const r = (await action({ request, params: {}, context: {} })) as {
    type?: string;
    data?: unknown;
    init?: { status?: number };
  };
  const wrapped = r.type === "DataWithResponseInit";
  const body = (wrapped ? r.data : r) as { ok: string | null; error: string | null };
  return { status: wrapped ? (r.init?.status ?? 200) : 200, body };
}

describe("dates typed the Vietnamese way", () => {
  it("dd/mm/yyyy, d/m/yyyy and ISO are read; impossible dates are not", () => {
    expect(parseViDate("02/09/2026")).toBe("2026-09-02");
    expect(parseViDate(" 2/9/2026 ")).toBe("2026-09-02");
    expect(parseViDate("2026-09-02")).toBe("2026-09-02");
    expect(parseViDate("30/02/2026")).toBeNull();
    expect(parseViDate("09/2026")).toBeNull();
  });

  it("holiday lines: sorted, unique, blank lines skipped; the first bad line is named", () => {
    expect(parseHolidayLines("2/9/2026\n\n01/09/2026\n02/09/2026\n")).toEqual({
      dates: ["2026-09-01", "2026-09-02"],
    });
    expect(parseHolidayLines("01/09/2026\nmùng 2 Tết")).toEqual({
      error: expect.stringMatching(/^Dòng 2: “mùng 2 Tết” không phải một ngày có thật/),
    });
  });
});

describe("settings form", () => {
  it("stores reminder days within 1–30 and refuses 0 with a Vietnamese message", async () => {
    const ok = await post({
      intent: "reminders",
      office_review: "1",
      awaiting_approval: "5",
      returned: "30",
    });
    expect(ok.body.ok).toBe("Đã lưu số ngày nhắc việc.");
    expect(getSetting(t.handle, "reminder_days")).toEqual({
      office_review: 1,
      awaiting_approval: 5,
      returned: 30,
    });
    const bad = await post({
      intent: "reminders",
      office_review: "0",
      awaiting_approval: "5",
      returned: "2",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("từ 1 đến 30 ngày làm việc");
    expect(getSetting(t.handle, "reminder_days").office_review).toBe(1);
  });

  it("sets and clears the plan's number; a malformed number or a future date is refused", async () => {
    const ok = await post({ intent: "plan", number: " 125/kh-ubnd ", issuedOn: "15/01/2026" });
    expect(ok.body.ok).toBe("Đã lưu số kế hoạch 125/KH-UBND ngày 15/01/2026.");
    expect(getPlanSummary(t.handle)?.plan).toMatchObject({
      number: "125/KH-UBND",
      numberLabel: "125/KH-UBND",
      issuedOn: "2026-01-15",
    });
    const bad = await post({ intent: "plan", number: "một trăm", issuedOn: "15/01/2026" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("Số kế hoạch không hợp lệ");
    const future = refusal(
      () =>
        updatePlanNumber(t.handle, {
          actorId: USERS.admin,
          planId: "cchc-2026",
          number: "9/KH-UBND",
          issuedOn: "2026-03-02",
          now: new Date("2026-03-01T10:00:00Z"),
        }),
      isWorkflowError,
    );
    expect(future.details).toEqual({ field: "issuedOn" });
    const cleared = await post({ intent: "plan", number: "", issuedOn: "" });
    expect(cleared.body.ok).toContain("chưa có số");
    expect(getPlanSummary(t.handle)?.plan.numberLabel).toBe("chưa có số");
  });

  it("only an admin changes the plan's number (storage checks the role itself)", () => {
    const e = refusal(
      () =>
        updatePlanNumber(t.handle, {
          actorId: USERS.office,
          planId: "cchc-2026",
          number: "1/KH-UBND",
          issuedOn: "2026-01-01",
        }),
      isWorkflowError,
    );
    expect(e.code).toBe("FORBIDDEN");
    expect(getPlanSummary(t.handle)?.plan.number).toBeNull();
  });
});
