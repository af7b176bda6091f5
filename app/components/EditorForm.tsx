import { Form } from "@remix-run/react";
import { useMemo, useState } from "react";
import type { AssetPageData, AssetPageVersion } from "../lib/asset-page.server";
import { choicesOf, DesignControls, type EditorDesignData, effectiveChoices } from "./design-controls";
import { ExtraOptions, extraLinesOf } from "./ExtraOptions";
import { FormatPicker } from "./format-picker";
import { previewParams, useLivePreview } from "./LivePreview";
import { PreviewPane } from "./PreviewPane";
import { TemplatePicker } from "./template-picker";

/**
 * The editor on the asset page, opened on `version`: design, formats, text, subtitle and the extra
 * lines, with the live preview and its preflight, sent as the next version (intent "edit", pinned
 * to the version's hash). The design and format start as the asset's own; the first format still
 * ticked becomes the asset's (`format`), each other one ticked a new asset with the same content.
 * The primary button submits them all for review; the other only saves them. Without
 * `asset.choices` the design and format are shown, not offered. The design's own controls
 * (palette, alignment, font, photo) start from the version's and are offered as `design` says
 * (app/lib/design-controls.server.ts); without it they are kept as the version had them.
 */
export function EditorForm({
  asset,
  format,
  version,
  busy,
  design,
  item,
}: {
  asset: AssetPageData["asset"];
  format: AssetPageData["format"];
  version: AssetPageVersion;
  busy: boolean;
  design?: EditorDesignData;
  /** The asset's content item: the photo picker shows its photos first. */
  item?: AssetPageData["item"];
}) {
  const [text, setText] = useState(version.text);
  const [subtitle, setSubtitle] = useState(version.subtitle ?? "");
  const [extras, setExtras] = useState(() => extraLinesOf(version.options));
  const footer = (version.options as { footer?: unknown } | null)?.footer;
  const offers = asset.choices;
  const [template, setTemplate] = useState(asset.templateId);
  // In the order ticked, the asset's own first: the first still offered is what the asset becomes.
  const [formats, setFormats] = useState<string[]>([asset.formatId]);
  const offered = offers?.templates.find((t) => t.id === template)?.formats ?? [asset.formatId];
  const allowed = offers?.formats.filter((f) => offered.includes(f.id)) ?? [];
  const chosen = offers
    ? formats.flatMap((id) => allowed.find((f) => f.id === id) ?? [])
    : [{ id: asset.formatId, label: format.label }];
  const own = chosen[0]?.id ?? "";
  const [previewFormat, setPreviewFormat] = useState("");
  const shown = chosen.some((f) => f.id === previewFormat) ? previewFormat : own;

  const controls = design?.controls[template];
  const [picked, setPicked] = useState(() => choicesOf(version.options));
  const choices = useMemo(() => effectiveChoices(controls, picked), [controls, picked]);

  const params = useMemo(
    () =>
      previewParams({
        template,
        format: shown,
        text,
        lines: { subtitle, ...extras, footer: typeof footer === "string" ? footer : undefined },
        choices: { ...choices },
      }),
    [template, shown, text, subtitle, extras, footer, choices],
  );
  const preview = useLivePreview(params);
  const more = chosen.length - 1;

  return (
    <section className="card version-editor" aria-labelledby="edit-h" data-testid="version-editor">
      <h2 id="edit-h">Sửa nội dung và tạo phiên bản mới</h2>
      <p className="hint">
        {offers
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
          {offers && (
            <>
              <input type="hidden" name="format" value={own} />
              <TemplatePicker
                templates={offers.templates}
                value={template}
                onChange={setTemplate}
                design={design}
              />
              <FormatPicker
                formats={allowed}
                selected={formats}
                chosen={chosen.length}
                onToggle={(id, on) => setFormats((cur) => (on ? [...cur, id] : cur.filter((x) => x !== id)))}
                shapes={design?.shapes}
              />
            </>
          )}
          <DesignControls
            controls={controls}
            value={choices}
            onChange={setPicked}
            photos={design?.photos}
            item={item}
          />
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
