import { Form } from "@remix-run/react";
import type { PlacementsPageData, PlacementView } from "../lib/placements.server";
import { PlacementForm } from "./placement-form";

/** "Dữ liệu mẫu": seeded demo places are never mistaken for the commune's real ones. */
export function DemoBadge() {
  return <span className="badge demo-badge">Dữ liệu mẫu</span>;
}

/** One place of the register, with its edit form and the switch in or out of use for editors. */
export function PlacementCard({ place, page }: { place: PlacementView; page: PlacementsPageData }) {
  return (
    <li className="card placement-card" data-placement={place.id}>
      <h3>
        {place.name} {place.isDemo && <DemoBadge />}
      </h3>
      <dl className="spec">
        {place.address && (
          <>
            <dt>Địa chỉ</dt>
            <dd>{place.address}</dd>
          </>
        )}
        {place.frameText && (
          <>
            <dt>Khung</dt>
            <dd>{place.frameText}</dd>
          </>
        )}
        <dt>Khổ phù hợp</dt>
        <dd>{place.formatLabels.length ? place.formatLabels.join("; ") : "Mọi khổ"}</dd>
        {place.coordinates && (
          <>
            <dt>Tọa độ</dt>
            <dd>
              <a
                href={`https://www.openstreetmap.org/?mlat=${place.lat}&mlon=${place.lng}#map=18/${place.lat}/${place.lng}`}
                target="_blank"
                rel="noreferrer noopener"
              >
                {place.coordinates}
              </a>
            </dd>
          </>
        )}
        {place.note && (
          <>
            <dt>Ghi chú</dt>
            <dd className="pre-line">{place.note}</dd>
          </>
        )}
      </dl>
      {page.canEdit && (
        <div className="placement-actions">
          {place.active && (
            <details>
              <summary>Sửa</summary>
              <PlacementForm page={page} place={place} />
            </details>
          )}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value={place.active ? "deactivate" : "activate"} />
            <input type="hidden" name="id" value={place.id} />
            <button type="submit" className="btn small">
              {place.active ? "Ngừng sử dụng" : "Dùng lại"}
            </button>
          </Form>
        </div>
      )}
    </li>
  );
}
