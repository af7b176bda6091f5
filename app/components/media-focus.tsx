import { Form } from "@remix-run/react";
import type { MediaPageData } from "../lib/media.server";

// The focal point of a photo (issue 14 §2): tap on the subject, see where every shape of design
// will cut the photo. The tap is a plain form with an <input type="image">: the browser itself
// sends where it was tapped (tap.x, tap.y in CSS px of the drawn image, drawn at a fixed width),
// so it works on any phone without a line of script.

type Item = MediaPageData["item"];

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/** Where the focal point is, in words: "42 % ngang, 30 % dọc". */
export function focusWords(focus: { x: number; y: number }): string {
  return `${Math.round(focus.x * 100)} % ngang, ${Math.round(focus.y * 100)} % dọc`;
}

/** The tap target with a crosshair at the focal point, the keyboard fields, and "đặt lại tự động". */
export function FocusTap({ item, tapWidth, canEdit }: { item: Item; tapWidth: number; canEdit: boolean }) {
  const height = Math.round((tapWidth * item.height) / item.width);
  const picture = (
    <>
      {canEdit ? (
        // A pointer's way to the same choice as the fields below, so it stays out of the tab order.
        <input
          type="image"
          name="tap"
          src={item.thumbUrl}
          width={tapWidth}
          height={height}
          alt="Chạm vào chủ thể của ảnh để đặt điểm chính"
          tabIndex={-1}
          className="media-tap-image"
        />
      ) : (
        <img src={item.thumbUrl} width={tapWidth} height={height} alt={item.caption || "Ảnh"} />
      )}
      <span
        className="media-crosshair"
        style={{ left: pct(item.focus.x), top: pct(item.focus.y) }}
        data-testid="focus-crosshair"
        aria-hidden="true"
      />
    </>
  );
  return (
    <section className="media-focus" aria-labelledby="focus-title">
      <h2 id="focus-title">Điểm chính</h2>
      {canEdit && (
        <p className="hint">
          Chạm vào chủ thể của ảnh (người, vật, hoạt động chính): mọi khổ thiết kế sẽ cắt ảnh sao cho điểm này
          luôn nằm trong khung.
        </p>
      )}
      {canEdit ? (
        // A plain form (not Remix's): only the browser's own submission carries the tap's x and y.
        <form method="post" className="media-tap" style={{ width: tapWidth }}>
          <input type="hidden" name="intent" value="tap" />
          {picture}
        </form>
      ) : (
        <div className="media-tap" style={{ width: tapWidth }}>
          {picture}
        </div>
      )}
      <p data-testid="focus-words">
        {focusWords(item.focus)}{" "}
        <span className="muted">({item.focusSource === "manual" ? "do người đặt" : "tự động"})</span>
      </p>
      {canEdit && (
        <details className="media-focus-fields">
          <summary>Nhập bằng số hoặc đặt lại</summary>
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="focus" />
            <label>
              Ngang (%)
              <input
                type="number"
                name="fx"
                min={0}
                max={100}
                step={1}
                defaultValue={Math.round(item.focus.x * 100)}
              />
            </label>
            <label>
              Dọc (%)
              <input
                type="number"
                name="fy"
                min={0}
                max={100}
                step={1}
                defaultValue={Math.round(item.focus.y * 100)}
              />
            </label>
            <button type="submit" className="btn">
              Đặt điểm chính
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="auto-focus" />
            <button type="submit" className="btn">
              Đặt lại tự động
            </button>
          </Form>
        </details>
      )}
    </section>
  );
}

/**
 * How the photo is cut for a wide, a square and a tall frame around the focal point: the crop
 * (fractions of the photo, from cropAround) is shown by placing the thumbnail inside a frame of
 * that shape, with the focal point marked.
 */
export function CropPreviews({ item, crops }: { item: Item; crops: MediaPageData["crops"] }) {
  return (
    <section className="media-crops" aria-labelledby="crops-title">
      <h2 id="crops-title">Ảnh được cắt theo khổ</h2>
      <div className="media-crop-row">
        {crops.map((c) => (
          <figure key={c.id} className={`media-crop media-crop-${c.id}`} data-testid={`crop-${c.id}`}>
            <div className="media-crop-frame" style={{ aspectRatio: String(c.aspect) }}>
              <img
                src={item.thumbUrl}
                alt=""
                style={{
                  width: pct(1 / c.crop.width),
                  left: pct(-c.crop.x / c.crop.width),
                  top: pct(-c.crop.y / c.crop.height),
                }}
              />
              <span
                className="media-crop-dot"
                style={{
                  left: pct((item.focus.x - c.crop.x) / c.crop.width),
                  top: pct((item.focus.y - c.crop.y) / c.crop.height),
                }}
                aria-hidden="true"
              />
            </div>
            <figcaption>{c.label}</figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
