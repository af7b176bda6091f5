import type { AssetPageComment, AssetPageData } from "../lib/asset-page.server";
import { formatDateTimeVi } from "../lib/format";

/**
 * What a returned asset opens with: who returned it, the reason, and the reviewers' comments
 * pinned to the image, numbered as on the image (`n` is the comment's place in the full list).
 */
export function ReturnNotice({
  lastReturn,
  pinned,
}: {
  lastReturn: NonNullable<AssetPageData["lastReturn"]>;
  pinned: { n: number; comment: AssetPageComment }[];
}) {
  return (
    <section className="return-notice" aria-labelledby="ret-h" data-testid="return-notice">
      <h2 id="ret-h">Được trả lại để chỉnh sửa</h2>
      <p>
        <strong>Lý do: {lastReturn.reasonLabel ?? "không ghi"}</strong>
        {lastReturn.reasonText ? ` – ${lastReturn.reasonText}` : ""}
      </p>
      {lastReturn.comment && <p>Ý kiến: {lastReturn.comment}</p>}
      <p className="muted">
        {lastReturn.who ?? "Hệ thống"} · {formatDateTimeVi(lastReturn.at)}
        {lastReturn.versionN ? ` · phiên bản ${lastReturn.versionN}` : ""}
      </p>
      {pinned.length > 0 && (
        <>
          <h3>Ý kiến ghim trên ảnh</h3>
          <ol className="pinned">
            {pinned.map(({ n, comment }) => (
              <li key={comment.id}>
                <span className="pin static" aria-hidden="true">
                  {n}
                </span>{" "}
                <span>
                  {comment.body} <span className="muted">— {comment.authorName}</span>
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
