import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { MediaFilters, MediaGrid } from "../components/media-grid";
import { MediaUploadForm, UploadOutcome } from "../components/media-upload";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { libraryPageData, MEDIA_EDIT_ROLES, MEDIA_VIEW_ROLES, uploadAction } from "../lib/media.server";
import { appObjectStore } from "../lib/stores.server";
import mediaCss from "../styles/media.css?url";

// The media library (thư viện ảnh, issue 14 §2): the commune's photos and logos, uploaded once and
// used in every design; filtered by kind and content item; the upload form for drafters, the
// office and the admin.

export const meta: MetaFunction = () => [{ title: "Thư viện ảnh — Cổ động" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mediaCss }];

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request, MEDIA_VIEW_ROLES);
  return libraryPageData(db(), user, new URL(request.url));
}

export function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request, MEDIA_EDIT_ROLES);
  return uploadAction(db(), appObjectStore(), user, request);
}

export default function MediaLibrary() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  // A stored upload empties and folds the form for the next one (a new key mounts it afresh).
  const formKey = result?.ok ? result.lines.map((l) => l.id ?? l.file).join() : "upload";
  return (
    <div className="stack media-page">
      <h1>Thư viện ảnh</h1>
      <p className="muted">
        Ảnh và logo của xã dùng trong các mẫu thiết kế: tải lên một lần, gắn với nội dung tuyên truyền, đặt
        điểm chính để mọi khổ cắt ảnh đúng chủ thể.
      </p>
      <UploadOutcome result={result} />
      {page.canUpload && (
        <details
          key={formKey}
          className="card media-upload-card"
          open={page.items.length === 0 || Boolean(result?.error)}
        >
          <summary>Tải ảnh lên</summary>
          <MediaUploadForm
            contentItems={page.contentItems}
            item={page.filter.item}
            limits={page.limits}
            busy={nav.state === "submitting" && nav.formMethod === "POST"}
          />
        </details>
      )}
      <MediaFilters page={page} />
      <MediaGrid items={page.items} />
    </div>
  );
}
