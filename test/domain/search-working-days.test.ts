import { describe, expect, it } from "vitest";
import { foldVi } from "../../domain/search-fold";
import { isPastDue, vnDate, workingDaysBetween } from "../../domain/working-days";

describe("foldVi", () => {
  it("drops tone and vowel marks and đ, lower-cases, and squeezes spaces", () => {
    expect(foldVi("Thủ tục  HÀNH CHÍNH")).toBe("thu tuc hanh chinh");
    expect(foldVi("Đẩy mạnh chuyển đổi số")).toBe("day manh chuyen doi so");
    expect(foldVi("ƯU TIÊN Ở ĐÂU")).toBe("uu tien o dau");
  });
  it("folds precomposed and decomposed input alike", () => {
    expect(foldVi("Nghị quyết".normalize("NFD"))).toBe(foldVi("Nghị quyết".normalize("NFC")));
  });
  it("keeps what is not a mark: digits, codes, punctuation", () => {
    expect(foldVi("CCHC-2026-1.12-0001")).toBe("cchc-2026-1.12-0001");
  });
});

describe("working days in Vietnam", () => {
  const at = (iso: string) => new Date(iso);
  it("takes the calendar date in UTC+7", () => {
    expect(vnDate(at("2026-12-03T17:30:00Z"))).toBe("2026-12-04");
    expect(vnDate(at("2026-12-03T16:59:59Z"))).toBe("2026-12-03");
  });
  it("counts Monday to Friday after the start date", () => {
    // Friday 4 Dec 2026, 15:00 in Hà Nội.
    const fri = at("2026-12-04T08:00:00Z");
    expect(workingDaysBetween(fri, at("2026-12-04T10:00:00Z"))).toBe(0);
    expect(workingDaysBetween(fri, at("2026-12-06T10:00:00Z"))).toBe(0); // Sunday
    expect(workingDaysBetween(fri, at("2026-12-07T02:00:00Z"))).toBe(1); // Monday
    expect(workingDaysBetween(fri, at("2026-12-08T02:00:00Z"))).toBe(2);
    expect(workingDaysBetween(fri, at("2026-12-11T02:00:00Z"))).toBe(5);
  });
  it("skips the holidays it is given", () => {
    const wed = at("2026-12-30T03:00:00Z");
    expect(workingDaysBetween(wed, at("2027-01-04T03:00:00Z"))).toBe(3); // Thu, Fri 1/1, Mon
    expect(workingDaysBetween(wed, at("2027-01-04T03:00:00Z"), new Set(["2027-01-01"]))).toBe(2);
  });
  it("is zero backwards", () => {
    expect(workingDaysBetween(at("2026-12-08T02:00:00Z"), at("2026-12-01T02:00:00Z"))).toBe(0);
  });
  it("a due date passes at the end of that day in Vietnam", () => {
    expect(isPastDue("2026-12-04", at("2026-12-04T16:59:00Z"))).toBe(false);
    expect(isPastDue("2026-12-04", at("2026-12-04T17:00:00Z"))).toBe(true);
    expect(isPastDue(null, at("2030-01-01T00:00:00Z"))).toBe(false);
  });
});
