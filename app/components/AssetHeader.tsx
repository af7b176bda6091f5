import type { AssetPageData } from "../lib/asset-page.server";
import { DueDate } from "./DueDate";
import { StateBadge } from "./StateBadge";

/**
 * The task the asset serves and its deadline ("Cần hoàn thành trước", marked "Quá hạn" in red once
 * past and unfinished).
 */
export function AssetDueDate({ deadline }: { deadline: AssetPageData["deadline"] }) {
  if (!deadline.dueOn && !deadline.task) return null;
  return (
    <p className="due-line" data-testid="asset-due">
      {deadline.task && (
        <span>
          Nhiệm vụ {deadline.task.number}: {deadline.task.title}
          {deadline.dueOn ? " · " : ""}
        </span>
      )}
      <DueDate dueOn={deadline.dueOn} overdue={deadline.overdue} />
    </p>
  );
}

/**
 * The asset's code, title and state, one line on what it is (content item, format, design,
 * placement), and its deadline.
 */
export function AssetHeader({
  asset,
  item,
  format,
  deadline,
}: Pick<AssetPageData, "asset" | "item" | "format" | "deadline">) {
  return (
    <>
      <div className="asset-head">
        <h1>
          {asset.code}: {asset.title}
        </h1>
        <StateBadge state={asset.state} />
      </div>
      <p className="muted">
        {item ? (
          <>
            Mục {item.code}. {item.title} ·{" "}
          </>
        ) : (
          "Chủ đề năm 2026 · "
        )}
        {format.label} ({format.size}) · Mẫu “{asset.templateName}”
        {asset.placement ? ` · ${asset.placement}` : ""}
        {asset.quantity ? ` · Số lượng ${asset.quantity}` : ""}
      </p>
      <AssetDueDate deadline={deadline} />
    </>
  );
}
