/** "Đã đăng" records (issue 13 §5): who may record them, on what, and every refusal with its code. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getAsset } from "../../storage/assets";
import {
  cleanPostUrl,
  isReportError,
  type RecordSocialPostInput,
  recordSocialPost,
  removeSocialPost,
  socialPostsFor,
} from "../../storage/report";
import { createUser } from "../../storage/users";
import { markPublished } from "../../workflows/service";
import { approvedAsset } from "../support/approved-asset";
import { dumpTables, seededDb, type TempDb, USERS } from "../support/db";

const NOW = new Date("2026-05-10T05:00:00Z");
let t: TempDb;
let social: string;
let banner: string;
let unpublished: string;
let otherDrafter: string;

function published(label: string, formatId: string, screen: boolean): string {
  const a = approvedAsset(t.handle, label, { formatId, screen });
  markPublished(t.handle, {
    assetId: a.assetId,
    versionHash: getAsset(t.handle, a.assetId)!.currentVersionHash!,
  });
  return a.assetId;
}

beforeEach(async () => {
  t = await seededDb();
  social = published("social", "square-1080", true);
  banner = published("banner", "bang-ron-1x7", false);
  unpublished = approvedAsset(t.handle, "approved-only", {
    formatId: "youtube-1280x720",
    screen: true,
  }).assetId;
  otherDrafter = (
    await createUser(t.handle, {
      username: "soanthao2",
      displayName: "Cán bộ soạn thảo thứ hai",
      password: "Mat-khau-dai-2026!",
      roles: ["drafter"],
    })
  ).id;
});
afterEach(() => t.cleanup());

const post = (over: Partial<RecordSocialPostInput> = {}) =>
  recordSocialPost(t.handle, {
    assetId: social,
    userId: USERS.office,
    channel: "fanpage",
    url: "https://www.facebook.com/lacphuong/posts/101",
    postedOn: "2026-05-09",
    now: NOW,
    ...over,
  });

/** The refusal's code, after checking the database did not change. */
function refusedWith(fn: () => unknown): string {
  const before = dumpTables(t.handle);
  try {
    fn();
  } catch (e) {
    if (!isReportError(e)) throw e;
    expect(dumpTables(t.handle)).toEqual(before);
    expect(e.messageVi.length).toBeGreaterThan(10);
    return e.code;
  }
  throw new Error("expected a refusal");
}

describe("recordSocialPost", () => {
  it("the office, the admin and the asset's own drafter record posts; the row keeps the published version", () => {
    const a = post();
    post({ userId: USERS.admin, channel: "youtube", url: "https://youtu.be/abc123" });
    post({ userId: USERS.drafter, channel: "zalo_oa", url: "https://zalo.me/lacphuong/1" });
    const row = t.handle.conn.prepare("SELECT * FROM social_posts WHERE id = ?").get(a.id) as Record<
      string,
      unknown
    >;
    expect(row).toMatchObject({
      asset_id: social,
      version_id: getAsset(t.handle, social)!.currentVersionId,
      channel: "fanpage",
      posted_on: "2026-05-09",
      recorded_by: USERS.office,
      created_at: NOW.toISOString(),
    });
    expect(
      socialPostsFor(t.handle, social)!
        .posts.map((p) => p.channelLabel)
        .sort(),
    ).toEqual(["Fanpage", "YouTube", "Zalo OA"]);
  });

  it("refuses who may not: printer, approver, a drafter of someone else's asset", () => {
    expect(refusedWith(() => post({ userId: USERS.printer }))).toBe("FORBIDDEN");
    expect(refusedWith(() => post({ userId: USERS.approver }))).toBe("FORBIDDEN");
    expect(refusedWith(() => post({ userId: otherDrafter }))).toBe("FORBIDDEN");
  });

  it("refuses what may not be posted: unknown asset, not yet published, a print format", () => {
    expect(refusedWith(() => post({ assetId: "no-such-asset" }))).toBe("NOT_FOUND");
    expect(refusedWith(() => post({ assetId: unpublished }))).toBe("NOT_PUBLISHED");
    expect(refusedWith(() => post({ assetId: banner }))).toBe("NOT_SOCIAL_FORMAT");
  });

  it("refuses a bad channel, address or date", () => {
    expect(refusedWith(() => post({ channel: "facebook" }))).toBe("INVALID_CHANNEL");
    for (const url of [
      "",
      "facebook.com/lacphuong/posts/1",
      "ftp://files.lacphuong.vn/a",
      "javascript:alert(1)",
      "https://localhost/a",
      "https://user:pw@lacphuong.vn/a",
      "https://lacphuong.vn/a b",
      `https://lacphuong.vn/${"a".repeat(2000)}`,
    ])
      expect(
        refusedWith(() => post({ url })),
        url,
      ).toBe("INVALID_URL");
    expect(refusedWith(() => post({ postedOn: "2026-02-30" }))).toBe("INVALID_DATE");
    expect(refusedWith(() => post({ postedOn: "09/05/2026" }))).toBe("INVALID_DATE");
    // 11/05 is tomorrow in Vietnam at NOW; 10/05 is today and fine.
    expect(refusedWith(() => post({ postedOn: "2026-05-11" }))).toBe("FUTURE_DATE");
    expect(post({ postedOn: "2026-05-10" }).id).toBeTruthy();
    expect(refusedWith(() => post({ url: "https://lacphuong.vn/x", note: "Ghi chú\u202e lạ" }))).toBe(
      "INVALID_INPUT",
    );
  });

  it("the same post twice is refused, also when only tracking parameters or the fragment differ", () => {
    post();
    expect(refusedWith(() => post())).toBe("DUPLICATE_POST");
    expect(
      refusedWith(() =>
        post({ url: "  https://WWW.Facebook.com/lacphuong/posts/101?utm_source=zalo&fbclid=x#top " }),
      ),
    ).toBe("DUPLICATE_POST");
    // Another channel with the same address is another post.
    expect(post({ channel: "portal" }).id).toBeTruthy();
  });
});

describe("cleanPostUrl", () => {
  it("keeps real parameters, drops tracking ones and the fragment, encodes Vietnamese letters", () => {
    expect(cleanPostUrl(" https://Cong.LacPhuong.vn/tin-tuc?id=5&utm_medium=social#binh-luan ")).toBe(
      "https://cong.lacphuong.vn/tin-tuc?id=5",
    );
    expect(cleanPostUrl("https://lacphuong.vn/tin/cải-cách")).toBe(
      "https://lacphuong.vn/tin/c%E1%BA%A3i-c%C3%A1ch",
    );
  });
});

describe("removeSocialPost and socialPostsFor", () => {
  it("the office or admin removes a post of that asset; the drafter may not", () => {
    const { id } = post();
    expect(refusedWith(() => removeSocialPost(t.handle, { postId: id, userId: USERS.drafter }))).toBe(
      "FORBIDDEN",
    );
    expect(
      refusedWith(() => removeSocialPost(t.handle, { postId: id, userId: USERS.office, assetId: banner })),
    ).toBe("NOT_FOUND");
    removeSocialPost(t.handle, { postId: id, userId: USERS.office, assetId: social });
    expect(socialPostsFor(t.handle, social)!.posts).toEqual([]);
    expect(refusedWith(() => removeSocialPost(t.handle, { postId: id, userId: USERS.admin }))).toBe(
      "NOT_FOUND",
    );
  });

  it("the panel is for screen formats only and says what the viewer may do", () => {
    post();
    expect(socialPostsFor(t.handle, banner)).toBeNull();
    expect(socialPostsFor(t.handle, "no-such-asset")).toBeNull();
    const office = socialPostsFor(t.handle, social, { id: USERS.office, roles: ["office"] }, NOW)!;
    expect(office).toMatchObject({ published: true, canRecord: true, canRemove: true, today: "2026-05-10" });
    expect(office.posts[0]).toMatchObject({
      channel: "fanpage",
      channelLabel: "Fanpage",
      url: "https://www.facebook.com/lacphuong/posts/101",
      postedOn: "2026-05-09",
      recordedBy: expect.any(String),
    });
    expect(socialPostsFor(t.handle, social, { id: USERS.drafter, roles: ["drafter"] })).toMatchObject({
      canRecord: true,
      canRemove: false,
    });
    expect(socialPostsFor(t.handle, social, { id: otherDrafter, roles: ["drafter"] })).toMatchObject({
      canRecord: false,
      canRemove: false,
    });
    expect(socialPostsFor(t.handle, unpublished, { id: USERS.office, roles: ["office"] })).toMatchObject({
      published: false,
      canRecord: false,
      posts: [],
    });
  });
});
