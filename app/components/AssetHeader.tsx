import type { AssetPageData } from "../lib/asset-page.server";
import { StateBadge } from "./StateBadge";

/** The asset's code, title and state, and one line on what it is: content item, format, design, placement. */
export function AssetHeader({ asset, item, format }: Pick<AssetPageData, "asset" | "item" | "format">) {
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
    </>
  );
}
