import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormOutcome } from "../components/FormOutcome";
import { MediaDetailsForm, MediaFacts, RetireForm } from "../components/media-details";
import { CropPreviews, FocusTap } from "../components/media-focus";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { itemAction, MEDIA_VIEW_ROLES, mediaPageData } from "../lib/media.server";
import { appObjectStore } from "../lib/stores.server";
import mediaCss from "../styles/media.css?url";

// One photo or logo of the library: tap its subject (the focal point every format keeps in view),
// see the wide, square and tall crops, caption it, tag it with content items, hide it from pickers.

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: `${d?.item.caption || "Ảnh"} — Thư viện ảnh — Cổ động` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mediaCss }];

export function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request, MEDIA_VIEW_ROLES);
  return mediaPageData(db(), user, params.mediaId ?? "");
}

export function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request, MEDIA_VIEW_ROLES);
  return itemAction(db(), appObjectStore(), user, params.mediaId ?? "", request);
}

export default function MediaItemPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  const { item } = page;
  return (
    <div className="stack media-page media-item">
      <p className="muted media-crumb">
        <Link to="/media">Thư viện ảnh</Link> › {item.kind === "logo" ? "Logo" : "Ảnh"}
      </p>
      <h1>{item.caption || "Ảnh chưa có chú thích"}</h1>
      {item.retiredAt && (
        <p className="warn" role="note">
          Ảnh này đã ẩn khỏi bộ chọn ảnh.
        </p>
      )}
      <FormOutcome ok={result?.ok} error={result?.error} />
      <div className="media-item-grid">
        <div className="card">
          {item.kind === "photo" ? (
            <FocusTap item={item} tapWidth={page.tapWidth} canEdit={page.canEdit} />
          ) : (
            <div className="media-logo-view">
              <img src={item.thumbUrl} alt={item.caption || "Logo"} />
            </div>
          )}
        </div>
        {page.crops.length > 0 && (
          <div className="card">
            <CropPreviews item={item} crops={page.crops} />
          </div>
        )}
        <div className="card">
          <h2>Chú thích và nội dung</h2>
          <MediaDetailsForm page={page} busy={nav.state === "submitting"} />
        </div>
        <div className="card">
          <h2>Tệp</h2>
          <MediaFacts item={item} />
          <RetireForm page={page} />
        </div>
      </div>
    </div>
  );
}
