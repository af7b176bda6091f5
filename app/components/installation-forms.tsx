import { Form } from "@remix-run/react";
import { useState } from "react";
import type { LineActionResult } from "../lib/installations.server";

export interface PhotoLimits {
  photos: number;
  mb: number;
  noteChars: number;
}

/**
 * The last answer when it belongs to the form about `target` (a place's or an installation's id;
 * null: the page itself, e.g. an upload refused before its form was known); else nothing.
 */
export function FormAnswer({
  result,
  target,
}: {
  result: LineActionResult | undefined;
  target: string | null;
}) {
  if (!result || result.target !== target) return null;
  if (result.error)
    return (
      <p className="error" role="alert">
        {result.error}
      </p>
    );
  return result.ok ? (
    <p className="notice" role="status">
      {result.ok}
    </p>
  ) : null;
}

/**
 * Two ways to give photos on a phone: take them now with the back camera, or pick ones already
 * taken (a `capture` input opens the camera only). Both send `photos`; the count chosen is shown.
 * With the GPS box ticked the photos' positions are kept as fields (never in the file).
 */
function PhotoInputs({
  idPrefix,
  limits,
  required,
}: {
  idPrefix: string;
  limits: PhotoLimits;
  required: boolean;
}) {
  const [counts, setCounts] = useState({ camera: 0, library: 0 });
  const chosen = counts.camera + counts.library;
  const onPick = (which: "camera" | "library") => (e: React.ChangeEvent<HTMLInputElement>) =>
    setCounts((c) => ({ ...c, [which]: e.currentTarget.files?.length ?? 0 }));
  return (
    <fieldset className="install-photo-inputs">
      <legend>Ảnh tại vị trí</legend>
      <div className="install-pickers">
        <label className="btn install-picker" htmlFor={`${idPrefix}-camera`}>
          Chụp ảnh
          <input
            id={`${idPrefix}-camera`}
            className="sr-only"
            type="file"
            name="photos"
            accept="image/*"
            capture="environment"
            multiple
            onChange={onPick("camera")}
          />
        </label>
        <label className="btn install-picker" htmlFor={`${idPrefix}-library`}>
          Chọn ảnh có sẵn
          <input
            id={`${idPrefix}-library`}
            className="sr-only"
            type="file"
            name="photos"
            accept="image/jpeg,image/png,image/webp"
            multiple
            onChange={onPick("library")}
          />
        </label>
      </div>
      <p className="hint" aria-live="polite" data-testid="photos-chosen">
        {chosen > 0 ? `Đã chọn ${chosen} ảnh.` : required ? "Cần ít nhất một ảnh." : "Chưa chọn ảnh."} Tối đa{" "}
        {limits.photos} ảnh mỗi lần, mỗi ảnh đến {limits.mb} MB (JPEG, PNG hoặc WebP). Ảnh được nén lại và bỏ
        thông tin EXIF.
      </p>
      <label className="inline">
        <input type="checkbox" name="keepLocation" value="1" /> Giữ vị trí GPS của ảnh
      </label>
    </fieldset>
  );
}

/**
 * "Đã treo/đặt" for one place of the line: the day (today by default, not before delivery, not
 * after today), photos, an optional note.
 */
export function InstallForm({
  placementId,
  placeName,
  today,
  notBefore,
  limits,
  busy,
}: {
  placementId: string;
  placeName: string;
  today: string;
  notBefore: string | null;
  limits: PhotoLimits;
  busy: boolean;
}) {
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="form install-form"
      aria-label={`Ghi nhận treo/đặt tại ${placeName}`}
    >
      <input type="hidden" name="intent" value="install" />
      <input type="hidden" name="placementId" value={placementId} />
      <label>
        Ngày treo/đặt
        <input
          type="date"
          name="installedOn"
          defaultValue={today}
          max={today}
          min={notBefore ?? undefined}
          required
        />
      </label>
      <PhotoInputs idPrefix={`in-${placementId}`} limits={limits} required />
      <label>
        Ghi chú <span className="hint">(không bắt buộc)</span>
        <textarea name="note" maxLength={limits.noteChars} rows={2} />
      </label>
      <button type="submit" className="btn primary" disabled={busy}>
        {busy ? "Đang gửi ảnh…" : "Đã treo/đặt"}
      </button>
    </Form>
  );
}

/** More photos for an installation already recorded. */
export function AddPhotosForm({
  installationId,
  limits,
  busy,
}: {
  installationId: string;
  limits: PhotoLimits;
  busy: boolean;
}) {
  return (
    <details className="install-more">
      <summary>Bổ sung ảnh</summary>
      <Form method="post" encType="multipart/form-data" className="form">
        <input type="hidden" name="intent" value="photos" />
        <input type="hidden" name="installationId" value={installationId} />
        <PhotoInputs idPrefix={`add-${installationId}`} limits={limits} required />
        <button type="submit" className="btn" disabled={busy}>
          {busy ? "Đang gửi ảnh…" : "Gửi ảnh bổ sung"}
        </button>
      </Form>
    </details>
  );
}

/**
 * "Đã tháo": the day the copy came down (today by default, not before it went up), folded away
 * so that a tap while scrolling on a phone does not take a banner down by mistake.
 */
export function RemoveForm({
  installationId,
  installedOn,
  today,
  busy,
}: {
  installationId: string;
  installedOn: string;
  today: string;
  busy: boolean;
}) {
  return (
    <details className="install-more">
      <summary>Ghi nhận đã tháo</summary>
      <Form method="post" className="install-remove" aria-label="Ghi nhận đã tháo">
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="installationId" value={installationId} />
        <label>
          Ngày tháo
          <input type="date" name="removedOn" defaultValue={today} min={installedOn} max={today} required />
        </label>
        <button type="submit" className="btn danger" disabled={busy}>
          Đã tháo
        </button>
      </Form>
    </details>
  );
}
