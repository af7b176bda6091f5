import { Form } from "@remix-run/react";
import type { AssetPageComment, AssetPageVersion } from "../lib/asset-page.server";
import { formatDateTimeVi } from "../lib/format";

/**
 * The comments on the asset, numbered as their pins are, and the form for a new one. The new
 * comment belongs to the version shown on the right (`versionId`) and carries the pin picked on
 * its image, if any; `onSent` clears that pin.
 */
export function CommentsPanel({
  comments,
  versions,
  versionId,
  pick,
  onSent,
  busy,
}: {
  comments: AssetPageComment[];
  versions: AssetPageVersion[];
  versionId: string;
  pick: { x: number; y: number } | null;
  onSent: () => void;
  busy: boolean;
}) {
  return (
    <section className="card" aria-labelledby="cm-h">
      <h2 id="cm-h">Ý kiến</h2>
      {comments.length === 0 ? (
        <p className="muted">Chưa có ý kiến.</p>
      ) : (
        <ol className="comments">
          {comments.map((c, i) => (
            <li key={c.id}>
              <strong>
                {i + 1}. {c.authorName}
              </strong>{" "}
              <span className="muted">
                {formatDateTimeVi(c.createdAt)}
                {c.versionId ? ` · phiên bản ${versions.find((v) => v.id === c.versionId)?.n ?? "?"}` : ""}
                {c.pin ? " · có ghim trên ảnh" : ""}
              </span>
              <p>{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      <Form method="post" className="form" onSubmit={onSent}>
        <input type="hidden" name="intent" value="comment" />
        <input type="hidden" name="versionId" value={versionId} />
        <input type="hidden" name="pinX" value={pick?.x ?? ""} />
        <input type="hidden" name="pinY" value={pick?.y ?? ""} />
        <label>
          Thêm ý kiến
          <textarea name="body" required maxLength={2000} rows={2} />
        </label>
        <p className="hint">
          {pick
            ? `Đã ghim tại ${Math.round(pick.x * 100)}% ngang, ${Math.round(pick.y * 100)}% dọc.`
            : "Bấm vào ảnh để ghim ý kiến vào một điểm (không bắt buộc)."}
        </p>
        <button type="submit" className="btn" disabled={busy}>
          Gửi ý kiến
        </button>
      </Form>
    </section>
  );
}
