import { useFetcher } from "@remix-run/react";
import { SOCIAL_CHANNEL_LABELS_VI, SOCIAL_CHANNELS } from "../../domain/social";
import type { SocialPostsPanel } from "../../storage/report";
import { formatPlainDateVi } from "../lib/format";

type ActionAnswer = { ok: false; error: string } | undefined;

/**
 * "Đã đăng" on the asset page of a screen/social design: where it was posted (channel, address,
 * day), and — for the office, the admin and the design's drafter once it is published — a form to
 * add one. Both forms post to /asset/:id/posts, which decides again and redirects back here.
 * `panel` is socialPostsFor(db, assetId, user); nothing is shown when it is null.
 */
export function SocialPosts({ assetId, panel }: { assetId: string; panel: SocialPostsPanel | null }) {
  const record = useFetcher<ActionAnswer>();
  const remove = useFetcher<ActionAnswer>();
  if (!panel) return null;
  const action = `/asset/${encodeURIComponent(assetId)}/posts`;
  const error = record.data?.error ?? remove.data?.error;
  return (
    <section
      className="card stack"
      id="social-posts"
      aria-labelledby="social-posts-h"
      data-testid="social-posts"
    >
      <h2 id="social-posts-h">Đã đăng trên mạng ({panel.posts.length})</h2>
      {panel.posts.length === 0 ? (
        <p className="muted">
          {panel.published
            ? "Chưa ghi nhận bài đăng nào của ấn phẩm này."
            : "Ấn phẩm chưa phát hành; ghi nhận bài đăng sau khi đã phát hành."}
        </p>
      ) : (
        <ul className="rp-posts">
          {panel.posts.map((p) => (
            <li key={p.id} data-channel={p.channel}>
              <strong>{p.channelLabel}</strong>
              <span>{formatPlainDateVi(p.postedOn)}</span>
              <a className="rp-url" href={p.url} rel="noopener noreferrer" target="_blank">
                {p.url}
              </a>
              <span className="muted">· {p.recordedBy}</span>
              {p.note && <span className="muted">· {p.note}</span>}
              {panel.canRemove && (
                <remove.Form method="post" action={action}>
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="postId" value={p.id} />
                  <button type="submit" className="btn-link" disabled={remove.state !== "idle"}>
                    Xóa
                    <span className="sr-only">
                      {" "}
                      bài đăng {p.channelLabel} ngày {formatPlainDateVi(p.postedOn)}
                    </span>
                  </button>
                </remove.Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {panel.canRecord && (
        <record.Form method="post" action={action} className="rp-post-form">
          <input type="hidden" name="intent" value="record" />
          <label>
            Kênh
            <select name="channel" required defaultValue="fanpage">
              {SOCIAL_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {SOCIAL_CHANNEL_LABELS_VI[c]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Địa chỉ bài đăng
            <input type="url" name="url" required maxLength={2000} placeholder="https://…" inputMode="url" />
          </label>
          <label>
            Ngày đăng
            <input type="date" name="postedOn" required max={panel.today} defaultValue={panel.today} />
          </label>
          <button type="submit" className="btn primary" disabled={record.state !== "idle"}>
            Ghi nhận đã đăng
          </button>
        </record.Form>
      )}
    </section>
  );
}
