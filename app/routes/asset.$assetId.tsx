import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { AssetHeader } from "../components/AssetHeader";
import { CommentsPanel } from "../components/CommentsPanel";
import { FormError } from "../components/FormError";
import { HistoryList } from "../components/HistoryList";
import { PreflightSummary } from "../components/PreflightSummary";
import { VersionActions } from "../components/VersionActions";
import { VersionPanel } from "../components/VersionPanel";
import { assetPageAction, assetPageData } from "../lib/asset-page.server";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.asset.code} — Cổ động` : "Ấn phẩm — Cổ động" },
];

const VIEW_ROLES = ["drafter", "office", "approver", "admin"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request, VIEW_ROLES);
  return assetPageData(db(), user, params.assetId ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request, VIEW_ROLES);
  const handle = db();
  const form = Object.fromEntries(await request.formData());
  return assetPageAction(handle, user, params.assetId ?? "", form);
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
  const pins = d.comments.flatMap((c, i) =>
    c.pin && (c.versionId === right?.id || !c.versionId)
      ? [{ n: i + 1, x: c.pin.x, y: c.pin.y, title: c.body }]
      : [],
  );

  return (
    <div className="stack">
      <AssetHeader asset={d.asset} item={d.item} format={d.format} />
      {params.get("created") && !a && <p className="notice">Đã tạo ấn phẩm.</p>}
      {a?.ok && (
        <p className="notice" role="status">
          {a.ok}
        </p>
      )}
      {a?.error && <FormError error={a.error} issues={a.issues} />}
      {current && <PreflightSummary report={current.preflight} open />}
      {current && (
        <VersionActions
          version={current}
          assetId={d.asset.id}
          rowVersion={d.asset.rowVersion}
          decisions={d.decisions}
          canEdit={d.canEdit}
          reasons={d.reasons}
          busy={busy}
        />
      )}
      <VersionPanel
        versions={d.versions}
        currentId={d.currentId}
        left={left}
        right={right}
        pins={pins}
        pick={pick}
        onPick={setPick}
      />
      <div className="grid2">
        <CommentsPanel
          comments={d.comments}
          versions={d.versions}
          versionId={right?.id ?? ""}
          pick={pick}
          onSent={() => setPick(null)}
          busy={busy}
        />
        <HistoryList history={d.history} verifyCode={current?.verifyCode ?? ""} />
      </div>
    </div>
  );
}
