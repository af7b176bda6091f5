import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { InstallationList } from "../components/installation-list";
import { MapLink } from "../components/installation-photos";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { INSTALLATION_VIEW_ROLES, placementPageData } from "../lib/installations.server";
import installationsCss from "../styles/installations.css?url";

// One place of the register (vị trí treo/đặt): what it is, and what hung there over time with the
// photos that prove it.

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.place.name} — Vị trí treo/đặt — Cổ động` : "Vị trí treo/đặt — Cổ động" },
];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: installationsCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireUser(request, INSTALLATION_VIEW_ROLES);
  return placementPageData(db(), params.placementId ?? "");
}

export default function PlacementPage() {
  const { place, installations } = useLoaderData<typeof loader>();
  const up = installations.filter((i) => !i.removedOn).length;
  return (
    <div className="stack install-page">
      <p className="muted install-crumb">
        <Link to="/placements">Vị trí treo/đặt</Link> › {place.kindLabel}
      </p>
      <div className="install-head-text">
        <h1>{place.name}</h1>
        {place.isDemo && <span className="badge install-demo">Dữ liệu mẫu</span>}
        {!place.active && <span className="badge">Ngừng sử dụng</span>}
      </div>
      <dl className="spec card">
        <dt>Loại</dt>
        <dd>{place.kindLabel}</dd>
        {place.address && (
          <>
            <dt>Địa chỉ</dt>
            <dd>{place.address}</dd>
          </>
        )}
        {place.lat !== null && place.lng !== null && (
          <>
            <dt>Tọa độ</dt>
            <dd>
              {place.lat.toFixed(5)}, {place.lng.toFixed(5)} · <MapLink lat={place.lat} lng={place.lng} />
            </dd>
          </>
        )}
        {place.frameText && (
          <>
            <dt>Khung</dt>
            <dd>{place.frameText}</dd>
          </>
        )}
        {place.formats.length > 0 && (
          <>
            <dt>Khổ phù hợp</dt>
            <dd>{place.formats.map((f) => `${f.label}${f.size ? ` (${f.size})` : ""}`).join("; ")}</dd>
          </>
        )}
        {place.note && (
          <>
            <dt>Ghi chú</dt>
            <dd>{place.note}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="hist-h" className="stack">
        <h2 id="hist-h">Lịch sử treo/đặt</h2>
        {installations.length === 0 ? (
          <p className="muted">Chưa có ấn phẩm nào được ghi nhận treo/đặt tại đây.</p>
        ) : (
          <>
            <p className="muted" data-testid="placement-summary">
              {`Đang treo/đặt ${up} ấn phẩm · đã ghi nhận ${installations.length} lần`}
            </p>
            <InstallationList items={installations} by="asset" />
          </>
        )}
      </section>
    </div>
  );
}
