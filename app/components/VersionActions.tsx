import type { Decision } from "../../domain/decisions";
import type { AssetPageData, AssetPageVersion } from "../lib/asset-page.server";
import { DecisionBar } from "./DecisionBar";
import type { ReasonOption } from "./DecisionForms";
import { EditorForm } from "./EditorForm";

/**
 * What this user may do with the current version. A drafter gets the editor on it (open on a
 * returned asset, folded on a draft) and the workflow's other steps as secondary choices, SUBMIT
 * reading "Gửi lại không sửa" once returned. A reviewer gets the decision bar, fixed at the bottom
 * of a phone's screen. Nothing when there is nothing to do.
 */
export function VersionActions({
  asset,
  item,
  format,
  version,
  decisions,
  canEdit,
  reasons,
  busy,
}: {
  asset: AssetPageData["asset"];
  item: AssetPageData["item"];
  format: AssetPageData["format"];
  version: AssetPageVersion;
  decisions: Decision[];
  canEdit: boolean;
  reasons: ReasonOption[];
  busy: boolean;
}) {
  if (decisions.length === 0 && !canEdit) return null;
  const returned = asset.state === "returned";
  const bar = (
    <DecisionBar
      decisions={decisions}
      assetId={asset.id}
      assetCode={asset.code}
      versionHash={version.contentHash}
      rowVersion={asset.rowVersion}
      reasons={reasons}
      busy={busy}
      fixed={!canEdit}
      secondary={returned}
      labels={returned ? { SUBMIT: "Gửi lại không sửa" } : {}}
      // A new row version is a new situation: the bar starts again from its buttons.
      key={asset.rowVersion}
    />
  );
  if (!canEdit) return bar;
  const editor = (
    <EditorForm
      asset={asset}
      format={format}
      version={version}
      busy={busy}
      design={asset.choices?.design}
      item={item}
      key={version.id}
    />
  );
  return (
    <div className="stack">
      {returned ? (
        editor
      ) : (
        <details className="card">
          <summary>Sửa nội dung và tạo phiên bản mới</summary>
          {editor}
        </details>
      )}
      {decisions.length > 0 && (
        <div className="card">
          <h2>{returned ? "Hoặc" : `Xử lý phiên bản ${version.n}`}</h2>
          {bar}
        </div>
      )}
    </div>
  );
}
