import { Link } from "@remix-run/react";
import type { InstallationView } from "../../storage/installations";
import { formatPlainDateVi } from "../lib/format";
import { InstallationPhotos } from "./installation-photos";

/** "Đã treo/đặt 08/03/2026" or, once down, "Đã tháo 09/03/2026 (treo từ 08/03/2026)". */
export function InstallationStatus({
  installedOn,
  removedOn,
}: {
  installedOn: string;
  removedOn: string | null;
}) {
  return removedOn ? (
    <span className="badge install-removed">
      {`Đã tháo ${formatPlainDateVi(removedOn)} (treo từ ${formatPlainDateVi(installedOn)})`}
    </span>
  ) : (
    <span className="badge install-up">{`Đã treo/đặt ${formatPlainDateVi(installedOn)}`}</span>
  );
}

/**
 * Installations as cards, newest first. `by` names what each card is about: the place (on an
 * asset's page) or the asset (on a place's page); both link to the order line that holds the form.
 */
export function InstallationList({ items, by }: { items: InstallationView[]; by: "place" | "asset" }) {
  return (
    <ul className="install-list">
      {items.map((i) => {
        const what = by === "place" ? i.placementName : `${i.assetCode}: ${i.assetTitle}`;
        return (
          <li key={i.id} className="install-item" data-testid="installation">
            <h3>
              {by === "place" ? (
                <Link to={`/placements/${i.placementId}`}>{i.placementName}</Link>
              ) : (
                <Link to={`/asset/${i.assetId}`}>{what}</Link>
              )}
            </h3>
            <p className="install-meta">
              <InstallationStatus installedOn={i.installedOn} removedOn={i.removedOn} />{" "}
              <span className="muted">
                Ghi nhận: {i.installedBy}
                {i.removedBy ? ` · Tháo: ${i.removedBy}` : ""} · Đơn{" "}
                <Link to={`/orders/${i.orderId}/lines/${i.lineId}`}>{i.orderCode}</Link>
                {by === "asset" ? ` · Phiên bản ${i.versionN}` : ""}
              </span>
            </p>
            {i.note && <p className="install-note">{i.note}</p>}
            <InstallationPhotos photos={i.photos} place={what} />
          </li>
        );
      })}
    </ul>
  );
}
