import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { AssetHeader } from "../components/AssetHeader";
import { CommentsPanel } from "../components/CommentsPanel";
import { FormError } from "../components/FormError";
import { HistoryList } from "../components/HistoryList";
import { InstallationAssetSection } from "../components/installation-asset-section";
import { PreflightSummary } from "../components/PreflightSummary";
import { ReturnNotice } from "../components/ReturnNotice";
import { VersionActions } from "../components/VersionActions";
import { VersionPanel } from "../components/VersionPanel";
import { ZoomableImage } from "../components/ZoomableImage";
import { SocialPosts } from "../components/social-posts";
import { assetPageAction, assetPageData } from "../lib/asset-page.server";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDateTimeVi } from "../lib/format";
import pageCss from "../styles/asset-page.css?url";
import editorCss from "../styles/editor.css?url";
import installationsCss from "../styles/installations.css?url";
import reportCss from "../styles/report.css?url";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.asset.code} — Cổ động` : "Ấn phẩm — Cổ động" },
];

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: pageCss },
  { rel: "stylesheet", href: editorCss },
  { rel: "stylesheet", href: installationsCss },
  { rel: "stylesheet", href: reportCss },
];

const VIEW_ROLES = ["drafter", "office", "approver", "admin"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request, VIEW_ROLES);
  return assetPageData(db(), user, params.assetId ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request, VIEW_ROLES);
  return assetPageAction(db(), user, params.assetId ?? "", await request.formData());
}

export default function AssetPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const current = d.versions.find((v) => v.id === d.currentId) ?? d.versions[d.versions.length - 1];
  const byN = (n: string | null) => d.versions.find((v) => String(v.n) === n);
  const right = byN(params.get("b")) ?? current;
  const left = byN(params.get("a")) ?? d.versions.find((v) => v.n === (right?.n ?? 1) - 1) ?? null;
  const [pick, setPick] = useState<{ x: number; y: number } | null>(null);
  // Numbered over all comments, so a pin shows the number its comment has in the list.
  const pinsOn = (versionId: string | undefined) =>
    d.comments.flatMap((c, i) =>
      c.pin && (c.versionId === versionId || !c.versionId)
        ? [{ n: i + 1, x: c.pin.x, y: c.pin.y, title: c.body }]
        : [],
    );
  const reviewing = d.decisions.length > 0 && !d.canEdit;
  const returnedPins = d.comments.flatMap((c, i) =>
    c.pin && (c.versionId === current?.id || !c.versionId) ? [{ n: i + 1, comment: c }] : [],
  );

  const header = <AssetHeader asset={d.asset} item={d.item} format={d.format} deadline={d.deadline} />;
  const image = current?.hasPng && (
    <div className="zoom-first">
      <ZoomableImage
        src={`/img/${current.id}/png`}
        alt={`Phiên bản ${current.n}: ${current.text}`}
        pins={pinsOn(current.id)}
      />
    </div>
  );
  const officeNote = reviewing && d.officeNote && (
    <section className="card office-note" aria-labelledby="note-h">
      <h2 id="note-h">Ý kiến Phòng Văn hóa - Xã hội</h2>
      <p>{d.officeNote.comment ?? "Chuyển lãnh đạo phê duyệt, không kèm ý kiến."}</p>
      <p className="muted">
        {d.officeNote.who ?? "Hệ thống"} · {formatDateTimeVi(d.officeNote.at)}
      </p>
    </section>
  );

  return (
    <div className={reviewing ? "stack asset-page reviewing" : "stack asset-page"}>
      {reviewing ? (
        <>
          {image}
          {header}
        </>
      ) : (
        header
      )}
      {params.get("created") && !a && (
        <p className="notice" role="status">
          Đã tạo ấn phẩm {d.asset.code} ({d.format.label}
          {d.format.size ? `, ${d.format.size}` : ""}).
        </p>
      )}
      {a?.ok && (
        <p className="notice" role="status">
          {a.ok}
        </p>
      )}
      {a?.error && <FormError error={a.error} issues={a.issues} />}
      {d.lastReturn && d.canEdit && <ReturnNotice lastReturn={d.lastReturn} pinned={returnedPins} />}
      {officeNote}
      {reviewing && <HistoryList history={d.history} verifyCode={current?.verifyCode ?? ""} />}
      {!reviewing && current && <PreflightSummary report={current.preflight} open />}
      {current && (
        <VersionActions
          asset={d.asset}
          item={d.item}
          format={d.format}
          version={current}
          decisions={d.decisions}
          canEdit={d.canEdit}
          reasons={d.reasons}
          busy={busy}
        />
      )}
      {reviewing && current && <PreflightSummary report={current.preflight} />}
      <VersionPanel
        versions={d.versions}
        currentId={d.currentId}
        left={left}
        right={right}
        pins={pinsOn(right?.id)}
        pick={pick}
        onPick={setPick}
      />
      {d.minuteHref && (
        <p>
          <a href={d.minuteHref} data-testid="minute-link">
            Phiếu duyệt ấn phẩm (PDF)
          </a>
        </p>
      )}
      <InstallationAssetSection installations={d.installations} />
      {d.socialPosts && <SocialPosts assetId={d.asset.id} panel={d.socialPosts} />}
      <div className={reviewing ? "stack" : "grid2"}>
        <CommentsPanel
          comments={d.comments}
          versions={d.versions}
          versionId={right?.id ?? ""}
          pick={pick}
          onSent={() => setPick(null)}
          busy={busy}
        />
        {!reviewing && <HistoryList history={d.history} verifyCode={current?.verifyCode ?? ""} />}
      </div>
    </div>
  );
}
