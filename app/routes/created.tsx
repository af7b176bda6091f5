import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StateBadge } from "../components/StateBadge";
import { Thumbnail } from "../components/Thumbnail";
import { requireUser } from "../lib/auth.server";
import { createdAssets } from "../lib/created.server";
import { db } from "../lib/db.server";
import editorCss from "../styles/editor.css?url";

// Where the editor lands after making several assets at once (`?id=…` once per asset): what was
// made. The asset page lands here too when a new version came with extra formats (`&edited=` the
// asset edited, listed first with its new version).

export const meta: MetaFunction = () => [{ title: "Đã tạo ấn phẩm — Cổ động" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorCss }];

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request, ["drafter"]);
  const q = new URL(request.url).searchParams;
  return { assets: createdAssets(db(), user, q.getAll("id"), q.get("edited")) };
}

export default function Created() {
  const { assets } = useLoaderData<typeof loader>();
  const edited = assets.find((a) => a.edited);
  const made = assets.length - (edited ? 1 : 0);
  return (
    <div className="stack">
      <h1>
        {edited
          ? `Đã tạo phiên bản ${edited.versionN ?? ""} của ${edited.code} và ${made} ấn phẩm mới`
          : `Đã tạo ${assets.length} ấn phẩm`}
      </h1>
      {assets.length === 0 ? (
        <p className="muted">Không có ấn phẩm nào để hiển thị.</p>
      ) : (
        <ul className="created-list" data-testid="created-list">
          {assets.map((a) => (
            <li key={a.id} className="card">
              <Thumbnail versionId={a.versionId} alt={a.title} formatLabel={a.format.label} />
              <Link to={`/asset/${encodeURIComponent(a.id)}`} className="code">
                {a.code}
              </Link>
              <span>{a.format.label}</span>
              {a.edited && <span className="muted">Phiên bản {a.versionN} · ấn phẩm đã sửa</span>}
              <StateBadge state={a.state} />
            </li>
          ))}
        </ul>
      )}
      <p className="row">
        <Link to="/editor" className="btn">
          Tạo thêm ấn phẩm
        </Link>
        <Link to="/#my-assets">Về trang chủ</Link>
      </p>
    </div>
  );
}
