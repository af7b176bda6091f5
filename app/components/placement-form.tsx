import { Form } from "@remix-run/react";
import type { PlacementsPageData, PlacementView } from "../lib/placements.server";

/**
 * Add or edit one place of the register: kind, name, address or road segment, the frame there,
 * optional coordinates, the formats that fit (none ticked = any) and a note. The server cleans and
 * checks every field; maxLength only spares typing what would be refused.
 */
export function PlacementForm({
  page,
  place,
}: {
  page: Pick<PlacementsPageData, "kinds" | "formats" | "limits">;
  /** The place to edit; omitted = a new one. */
  place?: PlacementView;
}) {
  const { limits } = page;
  const label = place ? `Sửa vị trí ${place.name}` : "Thêm vị trí mới";
  return (
    <Form method="post" className="form placement-form" aria-label={label}>
      <input type="hidden" name="intent" value={place ? "update" : "create"} />
      {place && <input type="hidden" name="id" value={place.id} />}
      <label>
        Loại vị trí
        <select name="kind" defaultValue={place?.kind ?? "road"} required>
          {page.kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tên vị trí
        <input name="name" defaultValue={place?.name ?? ""} required maxLength={limits.name} />
      </label>
      <label>
        Địa chỉ hoặc đoạn đường
        <input name="address" defaultValue={place?.address ?? ""} maxLength={limits.address} />
      </label>
      <label>
        Khung, kích thước tại chỗ
        <input
          name="frameText"
          defaultValue={place?.frameText ?? ""}
          maxLength={limits.frameText}
          placeholder="ví dụ: khung 1,2 × 10 m"
        />
      </label>
      <fieldset className="coords">
        <legend>Tọa độ (không bắt buộc; điền cả hai hoặc để trống)</legend>
        <label>
          Vĩ độ
          <input name="lat" inputMode="decimal" defaultValue={place?.lat ?? ""} placeholder="20.95" />
        </label>
        <label>
          Kinh độ
          <input name="lng" inputMode="decimal" defaultValue={place?.lng ?? ""} placeholder="106.52" />
        </label>
      </fieldset>
      <fieldset className="format-choices">
        <legend>Khổ treo/đặt được ở đây (để trống: mọi khổ)</legend>
        {page.formats.map((g) => (
          <div key={g.group} className="format-group">
            <p className="muted small">{g.group}</p>
            {g.formats.map((f) => (
              <label key={f.id} className="inline">
                <input
                  type="checkbox"
                  name="formats"
                  value={f.id}
                  defaultChecked={place?.formatIds.includes(f.id) ?? false}
                />{" "}
                {f.label}
              </label>
            ))}
          </div>
        ))}
      </fieldset>
      <label>
        Ghi chú
        <textarea name="note" rows={2} defaultValue={place?.note ?? ""} maxLength={limits.note} />
      </label>
      <div className="row">
        <button type="submit" className="btn primary">
          {place ? "Lưu vị trí" : "Thêm vị trí"}
        </button>
      </div>
    </Form>
  );
}
