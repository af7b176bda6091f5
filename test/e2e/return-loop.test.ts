import { describe, expect, it } from "vitest";
import { jsErrors, signedIn } from "./browser";
import { appUnderTest } from "./suite";
import { dbRow, decide, openAsset, shot } from "./asset-page-helpers";

// Issue 12 §3: the return loop. Create two formats at once (the confirmation lists them), the
// office returns one with a reason and a pinned comment, the drafter opens it on the reason and
// the pins with the editor already open on the current version, edits the text, switches the
// design, ticks one more format, previews and resubmits: the confirmation lists the edited asset
// and the new one.

const ITEM = "cchc-2026:1.12";
const TASK = "cchc-2026:task-1";

const app = appUnderTest();

describe("the return loop", () => {
  let asset = { id: "", code: "" };

  it("after creating two formats, a confirmation lists their codes, formats and thumbnails", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "soanthao");
    await page.goto(`/editor?item=${encodeURIComponent(ITEM)}`);
    await page.getByTestId("preview").waitFor();
    const task = page.getByLabel("Thuộc nhiệm vụ");
    const due = page.getByLabel("Cần hoàn thành trước");
    await task.selectOption(TASK);
    const taskDue = dbRow<{ due_date: string }>(
      app.server,
      "SELECT due_date FROM tasks WHERE id = ?",
      TASK,
    ).due_date;
    expect(await due.inputValue()).toBe(taskDue);
    await due.fill("2026-03-15");
    await task.selectOption("");
    // The user's own date stays when the task changes.
    expect(await due.inputValue()).toBe("2026-03-15");
    await task.selectOption(TASK);
    await page.locator('input[name=formats][value="fb-link-1200x630"]').check();
    await Promise.all([
      page.waitForURL(/\/created\?/),
      page.getByRole("button", { name: /Tạo và gửi duyệt \(2 ấn phẩm\)/ }).click(),
    ]);
    const list = page.getByTestId("created-list");
    await list.waitFor();
    const cards = list.locator("li");
    expect(await cards.count()).toBe(2);
    const text = (await list.textContent()) ?? "";
    expect(text).toMatch(/CCHC-2026-1\.12-0001/);
    expect(text).toMatch(/CCHC-2026-1\.12-0002/);
    expect(text).toContain("Băng rôn 1 × 7 m");
    expect(text).toContain("Facebook/Zalo 1200 × 630");
    await expect
      .poll(() =>
        list
          .locator("img.thumb")
          .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth > 0)),
      )
      .toEqual([true, true]);
    const row = dbRow<{ task_id: string; due_on: string }>(
      app.server,
      "SELECT task_id, due_on FROM assets WHERE code = 'CCHC-2026-1.12-0001'",
    );
    expect(row).toEqual({ task_id: TASK, due_on: "2026-03-15" });
    await shot(page, "created");

    await cards
      .first()
      .getByRole("link", { name: /CCHC-2026-1\.12-0001/ })
      .click();
    asset = await openAsset(page);
    expect(await page.getByTestId("asset-due").textContent()).toContain("15/03/2026");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("the office pins a comment and returns the asset with a reason", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "vanhoa");
    await page.goto(`/asset/${encodeURIComponent(asset.id)}`);
    await page.locator(".pinboard img").click({ position: { x: 60, y: 20 } });
    await page.getByLabel("Thêm ý kiến").fill("Chữ “hành chính” cần đậm hơn.");
    await page.getByRole("button", { name: "Gửi ý kiến" }).click();
    await page.getByText("Đã ghi ý kiến.").waitFor();
    await decide(page, {
      decision: "RETURN",
      code: asset.code,
      label: "Yêu cầu chỉnh sửa",
      done: /Đã trả lại, yêu cầu chỉnh sửa/,
      reason: { code: "diacritics", text: "Kiểm tra lại dấu ở dòng chính." },
    });
    expect(
      dbRow<{ state: string }>(app.server, "SELECT state FROM assets WHERE id = ?", asset.id).state,
    ).toBe("returned");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("the drafter opens on the reason and the pins, edits in the open editor and resubmits", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "soanthao");
    await page.goto(`/asset/${encodeURIComponent(asset.id)}`);
    const notice = page.getByTestId("return-notice");
    await notice.waitFor();
    const said = (await notice.textContent()) ?? "";
    expect(said).toContain("Sai dấu/chính tả");
    expect(said).toContain("Kiểm tra lại dấu ở dòng chính.");
    expect(said).toContain("Chữ “hành chính” cần đậm hơn.");
    const editor = page.getByTestId("version-editor");
    // The reason first, then the editor; both before the version comparison.
    const top = async (sel: string) => (await page.locator(sel).first().boundingBox())?.y ?? Number.NaN;
    expect(await top("[data-testid=return-notice]")).toBeLessThan(await top("[data-testid=version-editor]"));
    expect(await top("[data-testid=version-editor]")).toBeLessThan(await top(".compare"));
    const v1 = dbRow<{ text: string }>(
      app.server,
      "SELECT v.text FROM assets a JOIN asset_versions v ON v.id = a.current_version_id WHERE a.id = ?",
      asset.id,
    );
    const textBox = editor.getByLabel("Nội dung chữ trên ấn phẩm");
    expect(await textBox.inputValue()).toBe(v1.text);
    // "Gửi lại không sửa" is there, as the secondary choice.
    const again = page.locator("[data-decision=SUBMIT]");
    expect(await again.textContent()).toContain("Gửi lại không sửa");
    expect(await again.getAttribute("class")).not.toContain("primary");

    // The design and format pickers start on the asset's own.
    const design = editor.getByRole("group", { name: "Mẫu thiết kế" });
    expect(await design.getByRole("radio", { name: "Cổ động truyền thống" }).isChecked()).toBe(true);
    expect(await editor.locator('input[name=formats][value="bang-ron-1x7"]').isChecked()).toBe(true);

    const preview = editor.getByTestId("preview");
    await preview.waitFor();
    const changed = async (step: () => Promise<unknown>) => {
      const before = await preview.getAttribute("src");
      await step();
      await page.waitForFunction(
        (b) =>
          document
            .querySelector("[data-testid=version-editor] [data-testid=preview]")
            ?.getAttribute("src") !== b,
        before,
      );
    };
    await changed(() => textBox.fill("Cải cách hành chính – vì nhân dân phục vụ"));
    await changed(() => design.getByRole("radio", { name: "Hành chính hiện đại" }).check());
    await expect.poll(() => editor.locator(".preflight li").count()).toBeGreaterThan(0);
    await editor.locator('input[name=formats][value="square-1080"]').check();
    const send = editor.getByRole("button", {
      name: /Tạo phiên bản mới và gửi duyệt \(thêm 1 ấn phẩm mới\)/,
    });
    await send.waitFor();
    await shot(page, "return-loop", true);
    await Promise.all([page.waitForURL(/\/created\?/), send.click()]);
    const list = page.getByTestId("created-list");
    await list.waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      `Đã tạo phiên bản 2 của ${asset.code} và 1 ấn phẩm mới`,
    );
    const listed = (await list.textContent()) ?? "";
    expect(listed).toContain(asset.code);
    expect(listed).toContain("CCHC-2026-1.12-0003");
    expect(listed).toContain("Bài đăng vuông 1080 × 1080");
    await shot(page, "return-loop-created");

    const now = dbRow<{ state: string; n: number; text: string; template_id: string; format_id: string }>(
      app.server,
      `SELECT a.state, v.n, v.text, a.template_id, a.format_id FROM assets a
       JOIN asset_versions v ON v.id = a.current_version_id WHERE a.id = ?`,
      asset.id,
    );
    expect(now).toEqual({
      state: "office_review",
      n: 2,
      text: "Cải cách hành chính – vì nhân dân phục vụ",
      template_id: "hanh-chinh-hien-dai",
      format_id: "bang-ron-1x7",
    });
    const extra = dbRow<{ state: string; template_id: string; format_id: string; task_id: string }>(
      app.server,
      "SELECT state, template_id, format_id, task_id FROM assets WHERE code = 'CCHC-2026-1.12-0003'",
    );
    expect(extra).toEqual({
      state: "office_review",
      template_id: "hanh-chinh-hien-dai",
      format_id: "square-1080",
      task_id: TASK,
    });

    await list.getByRole("link", { name: asset.code }).click();
    await page.locator(".asset-head").waitFor();
    expect(await page.locator(".asset-head").textContent()).toContain("Đang thẩm định");
    expect(await page.locator(".asset-head + p").textContent()).toContain("Mẫu “Hành chính hiện đại”");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
});
