import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AddPhotosForm, FormAnswer, InstallForm, RemoveForm } from "../components/installation-forms";
import { InstallationStatus } from "../components/installation-list";
import { InstallationPhotos } from "../components/installation-photos";
import { Thumbnail } from "../components/Thumbnail";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatPlainDateVi } from "../lib/format";
import {
  INSTALLATION_VIEW_ROLES,
  type LinePagePlace,
  lineAction,
  linePageData,
} from "../lib/installations.server";
import { appObjectStore } from "../lib/stores.server";
import installationsCss from "../styles/installations.css?url";

// An order line's installation proof (nghiệm thu): each place the line's copies go to, with the
// day they went up and came down and the phone photos that prove it; the office, the admin and
// the asset's drafter record them here. "$orderId_" keeps the URL /orders/:orderId/lines/:lineId
// without nesting the page inside the order's page (orders.$orderId.tsx has no outlet).

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `Nghiệm thu ${d.line.assetCode} — ${d.line.orderCode} — Cổ động` : "Nghiệm thu — Cổ động" },
];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: installationsCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request, INSTALLATION_VIEW_ROLES);
  return linePageData(db(), user, params.orderId ?? "", params.lineId ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request, INSTALLATION_VIEW_ROLES);
  return lineAction(db(), appObjectStore(), user, params.orderId ?? "", params.lineId ?? "", request);
}

export default function OrderLineInstallations() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  // The one form being sent, by the place or installation it is about.
  const sending = nav.formData
    ? String(nav.formData.get("placementId") ?? nav.formData.get("installationId"))
    : null;
  const { line } = d;
  const up = d.places.filter((p) => p.installation && !p.installation.removedOn).length;
  return (
    <div className="stack install-page">
      <p className="muted install-crumb">
        <Link to={`/orders/${line.orderId}`}>Đơn đặt in {line.orderCode}</Link> › Nghiệm thu
      </p>
      <div className="install-head">
        <Thumbnail versionId={line.versionId} alt={line.assetTitle} formatLabel={line.format.label} />
        <div>
          <h1>Nghiệm thu treo/đặt</h1>
          <p>
            <Link to={`/asset/${line.assetId}`}>
              <strong>{line.assetCode}</strong>
            </Link>
            : {line.assetTitle}
          </p>
          <dl className="spec">
            <dt>Khổ</dt>
            <dd>
              {line.format.label}
              {line.format.size ? ` (${line.format.size})` : ""} · phiên bản {line.versionN}
            </dd>
            <dt>Số lượng</dt>
            <dd>{line.quantity} bản</dd>
            <dt>Trạng thái</dt>
            <dd>
              <span className={`badge line-${line.status}`}>{line.statusLabel}</span>
              {line.deliveredOn
                ? ` ngày ${formatPlainDateVi(line.deliveredOn)}`
                : line.printedOn
                  ? ` ngày ${formatPlainDateVi(line.printedOn)}`
                  : ""}
            </dd>
            <dt>Đã treo/đặt</dt>
            <dd data-testid="installed-count">
              {up}/{d.places.length} vị trí
            </dd>
          </dl>
        </div>
      </div>
      <FormAnswer result={result} target={null} />
      {d.holdVi && (
        <p className="warn" role="status">
          {d.holdVi}
        </p>
      )}
      {!d.canRecord && (
        <p className="muted">
          Chỉ Phòng Văn hóa - Xã hội, quản trị hoặc cán bộ soạn thảo ấn phẩm ghi nhận nghiệm thu.
        </p>
      )}
      {d.places.length === 0 && <p className="muted">Dòng đặt in này chưa gắn vị trí treo/đặt nào.</p>}
      <ul className="install-places">
        {d.places.map((p) => (
          <PlaceCard key={p.placementId} place={p} d={d} result={result} sending={sending} />
        ))}
      </ul>
    </div>
  );
}

function PlaceCard({
  place: p,
  d,
  result,
  sending,
}: {
  place: LinePagePlace;
  d: ReturnType<typeof useLoaderData<typeof loader>>;
  result: ReturnType<typeof useActionData<typeof action>>;
  sending: string | null;
}) {
  const inst = p.installation;
  return (
    <li className="card install-place" data-testid="install-place" data-placement={p.placementId}>
      <h2>
        <Link to={`/placements/${p.placementId}`}>{p.name}</Link>
      </h2>
      <p className="muted">
        {p.kindLabel}
        {p.address ? ` · ${p.address}` : ""} · {p.quantity} bản
      </p>
      {inst ? (
        <>
          <p>
            <InstallationStatus installedOn={inst.installedOn} removedOn={inst.removedOn} />{" "}
            <span className="muted">Ghi nhận: {inst.installedBy}</span>
          </p>
          {inst.note && <p className="install-note">{inst.note}</p>}
          <InstallationPhotos photos={inst.photos} place={p.name} />
          {/* The answer to the record just made (sent by place), or to a later form (by installation). */}
          <FormAnswer result={result} target={p.placementId} />
          <FormAnswer result={result} target={inst.id} />
          {d.canRecord && (
            <div className="install-actions">
              <AddPhotosForm installationId={inst.id} limits={d.limits} busy={sending === inst.id} />
              {!inst.removedOn && (
                <RemoveForm
                  installationId={inst.id}
                  installedOn={inst.installedOn}
                  today={d.today}
                  busy={sending === inst.id}
                />
              )}
            </div>
          )}
        </>
      ) : (
        <>
          <p>
            <span className="badge install-waiting">Chưa treo/đặt</span>
          </p>
          <FormAnswer result={result} target={p.placementId} />
          {d.canRecord && !d.holdVi && (
            <InstallForm
              placementId={p.placementId}
              placeName={p.name}
              today={d.today}
              notBefore={d.line.deliveredOn}
              limits={d.limits}
              busy={sending === p.placementId}
            />
          )}
        </>
      )}
    </li>
  );
}
