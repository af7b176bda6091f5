import type { Decision } from "../../domain/decisions";
import { Form } from "@remix-run/react";
import type { AssetPageVersion } from "../lib/asset-page.server";
import { DecisionForm, type ReasonOption } from "./DecisionForms";

/**
 * What this user may do with the current version: one form per decision the workflow offers
 * them, and for a drafter the form that turns an edited text into the next version. Nothing when
 * there is nothing to do.
 */
export function VersionActions({
  version,
  assetId,
  rowVersion,
  decisions,
  canEdit,
  reasons,
  busy,
}: {
  version: AssetPageVersion;
  assetId: string;
  rowVersion: number;
  decisions: Decision[];
  canEdit: boolean;
  reasons: ReasonOption[];
  busy: boolean;
}) {
  if (decisions.length === 0 && !canEdit) return null;
  return (
    <section className="card decisions" aria-labelledby="dec-h">
      <h2 id="dec-h">Xử lý phiên bản {version.n}</h2>
      <div className="row">
        {decisions.map((dec) => (
          <DecisionForm
            key={dec}
            decision={dec}
            assetId={assetId}
            versionHash={version.contentHash}
            rowVersion={rowVersion}
            reasons={reasons}
          />
        ))}
      </div>
      {canEdit && (
        <details>
          <summary>Sửa nội dung và tạo phiên bản mới</summary>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="edit" />
            <input type="hidden" name="baseVersionHash" value={version.contentHash} />
            <label>
              Nội dung chữ
              <textarea name="text" defaultValue={version.text} rows={3} required />
            </label>
            <label>
              Dòng phụ
              <input name="subtitle" defaultValue={version.subtitle ?? ""} />
            </label>
            <label>
              Ghi chú thay đổi
              <input name="comment" />
            </label>
            <label className="inline">
              <input type="checkbox" name="submit" value="1" defaultChecked /> Gửi duyệt lại ngay
            </label>
            <button type="submit" className="btn primary" disabled={busy}>
              Tạo phiên bản mới
            </button>
          </Form>
        </details>
      )}
    </section>
  );
}
