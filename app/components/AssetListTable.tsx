import { Link } from "@remix-run/react";
import type { AssetRow } from "../lib/asset-list.server";
import { DueDate } from "./DueDate";
import { StateBadge } from "./StateBadge";
import { Thumbnail } from "./Thumbnail";
import { WaitingBadge } from "./WaitingBadge";

/**
 * The list as a table on a wide screen and as cards on a phone (the same markup; CSS turns each
 * row into a card). Rows the signed-in drafter may submit carry a checkbox bound to the form
 * `formId`; `selected` ids start ticked.
 */
export function AssetListTable({
  rows,
  formId,
  selected,
  selectable,
}: {
  rows: AssetRow[];
  formId: string;
  selected: readonly string[];
  /** Whether the select column is shown at all (a drafter's list). */
  selectable: boolean;
}) {
  return (
    <div className="table-wrap al-wrap">
      <table className="al-table">
        <thead>
          <tr>
            {selectable && (
              <th>
                <span className="sr-only">Chọn</span>
              </th>
            )}
            <th>Hình</th>
            <th>Mã · khẩu hiệu</th>
            <th>Khổ · mẫu</th>
            <th>Nội dung</th>
            <th>Người soạn</th>
            <th>Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={selected.includes(r.id) ? "al-row al-picked" : "al-row"}>
              {selectable && (
                <td className="al-select">
                  {r.selectable && (
                    <input
                      type="checkbox"
                      name="target"
                      value={r.target}
                      form={formId}
                      defaultChecked={selected.includes(r.id)}
                      aria-label={`Chọn ${r.code}`}
                    />
                  )}
                </td>
              )}
              <td className="al-thumb">
                <Link to={`/asset/${r.id}`} tabIndex={-1} aria-hidden="true">
                  <Thumbnail versionId={r.versionId} alt={r.text} formatLabel={r.formatLabel} />
                </Link>
              </td>
              <td className="al-main">
                <Link to={`/asset/${r.id}`} className="al-code">
                  {r.code}
                </Link>
                <div className="al-text">{r.text}</div>
              </td>
              <td className="al-format">
                <div>{r.formatLabel}</div>
                <div className="muted">{r.templateName}</div>
              </td>
              <td className="al-item">{r.itemCode ? `Mục ${r.itemCode}` : "—"}</td>
              <td className="al-drafter">{r.drafterName}</td>
              <td className="al-state">
                <StateBadge state={r.state} />
                {r.waiting && <WaitingBadge {...r.waiting} />}
                <DueDate dueOn={r.dueOn} overdue={r.overdue} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
