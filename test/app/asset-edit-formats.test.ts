import { describe, expect, it } from "vitest";
import { assetPageAction, assetPageData } from "../../app/lib/asset-page.server";
import { createAssetWithFiles } from "../../app/lib/create.server";
import { createdAssets } from "../../app/lib/created.server";
import { getAsset, listVersions } from "../../storage/assets";
import { getUser, type User } from "../../storage/users";
import { seededAppDbPerTest } from "../support/app-db";
import { dumpTables, USERS } from "../support/db";

// The asset page's editor (issue 12 §3): the next version may take another design and format,
// and each further format ticked becomes a new asset with the same content, all checked first.

process.env.RENDER_WORKERS = "0"; // render in this thread: no worker bundle needed

const t = seededAppDbPerTest();
const TEXT = "Cải cách hành chính vì nhân dân phục vụ";
const user = (id: string): User => getUser(t.handle, id)!;

function banner() {
  return createAssetWithFiles(
    t.handle,
    user(USERS.drafter),
    {
      planId: "cchc-2026",
      contentItemId: "cchc-2026:1.12",
      sloganId: null,
      templateId: "co-dong-truyen-thong",
      formatId: "bang-ron-1x7",
      input: { text: TEXT, options: {} },
      placement: "road",
      quantity: 3,
      submit: false,
    },
    "http://localhost",
  );
}

function post(assetId: string, fields: Record<string, string | string[]>) {
  const form = new FormData();
  form.append("intent", "edit");
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) form.append(k, x);
  return assetPageAction(t.handle, user(USERS.drafter), assetId, form);
}

/** A refusal's status and message (data() with a status), or the redirect's location. */
function outcome(r: unknown): {
  status: number;
  error?: string;
  issues?: string[];
  location?: string | null;
} {
  if (r instanceof Response) return { status: r.status, location: r.headers.get("location") };
  const d = r as { data: { error: string | null; issues: string[] }; init?: { status?: number } | null };
  if (d && "data" in d)
    return { status: d.init?.status ?? 200, error: d.data.error ?? undefined, issues: d.data.issues };
  return { status: 200 };
}

describe("the asset page's edit with design, format and extra formats", () => {
  it("offers the designs and formats to a drafter, not to a reviewer", async () => {
    const a = await banner();
    const mine = assetPageData(t.handle, user(USERS.drafter), a.assetId);
    expect(mine.asset.choices?.templates.map((x) => x.id)).toContain("ap-phich-trang-trong");
    expect(mine.asset.choices?.formats.some((f) => f.id === "square-1080")).toBe(true);
    expect(assetPageData(t.handle, user(USERS.office), a.assetId).asset.choices).toBeNull();
  });

  it("moves the asset to the new design and format, makes the extras, and lands on /created", async () => {
    const a = await banner();
    const r = outcome(
      await post(a.assetId, {
        baseVersionHash: a.versionHash,
        text: TEXT,
        template: "ap-phich-trang-trong",
        format: "a3",
        formats: ["a3", "square-1080"],
        submit: "1",
      }),
    );
    expect(r.status).toBe(302);
    const q = new URL(r.location!, "http://localhost").searchParams;
    expect(q.get("edited")).toBe(a.assetId);
    const ids = q.getAll("id");
    expect(ids[0]).toBe(a.assetId);
    expect(ids).toHaveLength(2);
    expect(getAsset(t.handle, a.assetId)).toMatchObject({
      templateId: "ap-phich-trang-trong",
      formatId: "a3",
      state: "office_review",
      currentVersionN: 2,
    });
    // The new asset: same design, text, plan place and print data; submitted with the version.
    expect(getAsset(t.handle, ids[1])).toMatchObject({
      templateId: "ap-phich-trang-trong",
      formatId: "square-1080",
      contentItemId: "cchc-2026:1.12",
      placement: "road",
      quantity: 3,
      state: "office_review",
    });
    expect(listVersions(t.handle, ids[1]).map((v) => v.text)).toEqual([TEXT]);
    // The confirmation lists both, the edited one marked with its new version.
    const listed = createdAssets(t.handle, user(USERS.drafter), ids, a.assetId);
    expect(listed.map((x) => [x.code, x.edited, x.versionN])).toEqual([
      [a.code, true, 2],
      [getAsset(t.handle, ids[1])!.code, false, 1],
    ]);
  });

  it("without extras answers with the message; the format left out keeps the asset's own", async () => {
    const a = await banner();
    const r = await post(a.assetId, {
      baseVersionHash: a.versionHash,
      text: TEXT,
      template: "hanh-chinh-hien-dai",
    });
    expect(outcome(r)).toMatchObject({ status: 200 });
    expect(getAsset(t.handle, a.assetId)).toMatchObject({
      templateId: "hanh-chinh-hien-dai",
      formatId: "bang-ron-1x7",
    });
  });

  it("refuses a format the design cannot lay out, naming it, and writes nothing", async () => {
    const a = await banner();
    const before = dumpTables(t.handle);
    const r = outcome(
      await post(a.assetId, {
        baseVersionHash: a.versionHash,
        text: TEXT,
        template: "co-dong-truyen-thong",
        format: "bang-ron-1x7",
        formats: ["bang-ron-1x7", "a3"],
        submit: "1",
      }),
    );
    expect(r.status).toBe(409);
    expect(r.issues?.join(" ")).toContain("không có bố cục cho khổ “Áp phích A3");
    expect(dumpTables(t.handle)).toEqual(before);
  });

  it("refuses an edit from an older version before making any extra asset", async () => {
    const a = await banner();
    await post(a.assetId, { baseVersionHash: a.versionHash, text: `${TEXT}!` });
    const before = dumpTables(t.handle);
    const r = outcome(
      await post(a.assetId, {
        baseVersionHash: a.versionHash,
        text: TEXT,
        formats: ["bang-ron-1x7", "square-1080"],
      }),
    );
    expect(r.status).toBe(409);
    expect(dumpTables(t.handle)).toEqual(before);
  });
});
