/**
 * One target's progress: "Băng rôn ▓▓░ 1/3". With no target set it shows the bare count and says
 * so: a "0/0" would tell the city nothing.
 */
export function TargetProgress({ label, done, target }: { label: string; done: number; target: number }) {
  if (target <= 0) {
    return (
      <div className="rp-progress">
        <span>{label}</span>
        <span className="muted">chưa đặt</span>
        <span className="rp-of">{done}</span>
      </div>
    );
  }
  return (
    <div className={done >= target ? "rp-progress rp-met" : "rp-progress"}>
      <span>{label}</span>
      <progress
        max={target}
        value={Math.min(done, target)}
        aria-label={`${label}: ${done} trên chỉ tiêu ${target}`}
      />
      <span className="rp-of">
        {done}/{target}
      </span>
    </div>
  );
}

/**
 * The three targets of a content item against what is done: published banners and posters, posts
 * made. A kind with neither a target nor anything done is left out; none at all says so in words.
 */
export function ItemTargetsProgress({
  targets,
  done,
}: {
  targets: { banners: number; posters: number; socialPosts: number };
  done: { banners: number; posters: number; posts: number };
}) {
  const kinds = [
    { label: "Băng rôn", done: done.banners, target: targets.banners },
    { label: "Áp phích", done: done.posters, target: targets.posters },
    { label: "Bài đăng", done: done.posts, target: targets.socialPosts },
  ].filter((k) => k.target > 0 || k.done > 0);
  if (kinds.length === 0) return <span className="muted">Chưa đặt chỉ tiêu</span>;
  return (
    <>
      {kinds.map((k) => (
        <TargetProgress key={k.label} {...k} />
      ))}
    </>
  );
}

/** What happened on the road and online: copies printed and delivered, places hung (photos), posts; "Chưa có" for nothing. */
export function RoadFacts({
  c,
}: {
  c: { printedQty: number; deliveredQty: number; installed: number; photos: number; posted: number };
}) {
  if (c.printedQty + c.deliveredQty + c.installed + c.posted === 0)
    return <span className="muted">Chưa có</span>;
  return (
    <ul className="rp-facts">
      <li>
        In {c.printedQty} · giao {c.deliveredQty} bản
      </li>
      <li>
        Treo {c.installed} vị trí ({c.photos} ảnh)
      </li>
      <li>Đăng {c.posted} bài</li>
    </ul>
  );
}
