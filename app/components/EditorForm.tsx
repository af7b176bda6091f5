import { Form } from "@remix-run/react";
import { useMemo, useState } from "react";
import type { AssetPageData, AssetPageVersion } from "../lib/asset-page.server";
import { ExtraOptions, extraLinesOf } from "./ExtraOptions";
import { FormatPicker } from "./FormatPicker";
import { useLivePreview } from "./LivePreview";
import { PreviewPane } from "./PreviewPane";
import { TemplatePicker } from "./TemplatePicker";

/**
 * The editor on the asset page, opened on `version`: design, formats, text, subtitle and the extra
 * lines, with the live preview and its preflight, sent as the next version (intent "edit", pinned
 * to the version's hash). The design and format start as the asset's own; the first format still
 * ticked becomes the asset's (`format`), each other one ticked a new asset with the same content.
 * The primary button submits them all for review; the other only saves them. Without
 * `asset.choices` the design and format are shown, not offered.
 */
export function EditorForm({
  asset,
  format,
  version,
  busy,
}: {
  asset: AssetPageData["asset"];
  format: AssetPageData["format"];
  version: AssetPageVersion;
  busy: boolean;
}) {
  const [text, setText] = useState(version.text);
  const [subtitle, setSubtitle] = useState(version.subtitle ?? "");
  const [extras, setExtras] = useState(() => extraLinesOf(version.options));
  const footer = (version.options as { footer?: unknown } | null)?.footer;
  const choices = asset.choices;
  const [template, setTemplate] = useState(asset.templateId);
  // In the order ticked, the asset's own first: the first still offered is what the asset becomes.
  const [formats, setFormats] = useState<string[]>([asset.formatId]);
  const offered = choices?.templates.find((t) => t.id === template)?.formats ?? [asset.formatId];
  const allowed = choices?.formats.filter((f) => offered.includes(f.id)) ?? [];
  const chosen = choices
    ? formats.flatMap((id) => allowed.find((f) => f.id === id) ?? [])
    : [{ id: asset.formatId, label: format.label }];
  const own = chosen[0]?.id ?? "";
  const [previewFormat, setPreviewFormat] = useState("");
  const shown = chosen.some((f) => f.id === previewFormat) ? previewFormat : own;

  const params = useMemo(() => {
    if (!text.trim() || !shown) return null;
    const p: Record<string, string> = { template, format: shown, text, as: "svg" };
    for (const [k, v] of Object.entries({ subtitle, ...extras })) if (v) p[k] = v;
    if (typeof footer === "string" && footer) p.footer = footer;
    return p;
  }, [template, shown, text, subtitle, extras, footer]);
  const preview = useLivePreview(params);
  const more = chosen.length - 1;

  return (
    <section className="card version-editor" aria-labelledby="edit-h" data-testid="version-editor">
      <h2 id="edit-h">Sửa nội dung và tạo phiên bản mới</h2>
      <p className="hint">
        {choices
          ? `Mở trên phiên bản ${version.n}, mẫu “${asset.templateName}”, khổ ${format.label}. Khổ chọn đầu tiên là khổ của ấn phẩm này; mỗi khổ chọn thêm tạo một ấn phẩm mới cùng nội dung.`
          : `Mở trên phiên bản ${version.n}. Mẫu “${asset.templateName}”, khổ ${format.label} giữ nguyên.`}
      </p>
      <div className="editor">
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="baseVersionHash" value={version.contentHash} />
          {typeof footer === "string" && footer && <input type="hidden" name="footer" value={footer} />}
          <label>
            Nội dung chữ trên ấn phẩm
            <textarea name="text" value={text} onChange={(e) => setText(e.target.value)} rows={3} required />
          </label>
          <label>
            Dòng phụ
            <input
              name="subtitle"
              value={subtitle}
              onChange={(e) => setSubtitle(e.target.value)}
              maxLength={200}
            />
          </label>
          <ExtraOptions value={extras} onChange={setExtras} />
          {choices && (
            <>
              <input type="hidden" name="format" value={own} />
              <TemplatePicker templates={choices.templates} value={template} onChange={setTemplate} />
              <FormatPicker
                formats={allowed}
                selected={formats}
                chosen={chosen.length}
                onToggle={(id, on) => setFormats((cur) => (on ? [...cur, id] : cur.filter((x) => x !== id)))}
              />
            </>
          )}
          <label>
            Ghi chú thay đổi
            <input name="comment" maxLength={2000} />
          </label>
          {!own && <p className="hint">Hãy chọn ít nhất một khổ.</p>}
          <div className="row">
            <button type="submit" name="submit" value="1" className="btn primary" disabled={busy || !own}>
              Tạo phiên bản mới và gửi duyệt{more > 0 ? ` (thêm ${more} ấn phẩm mới)` : ""}
            </button>
            <button type="submit" name="submit" value="0" className="btn" disabled={busy || !own}>
              Chỉ lưu, chưa gửi
            </button>
          </div>
        </Form>
        <PreviewPane formats={chosen} shown={shown} onShow={setPreviewFormat} preview={preview} text={text} />
      </div>
    </section>
  );
}
