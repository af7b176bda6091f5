import { vnDate } from "../../domain/working-days";
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AssetListBulkBar, AssetListConfirm, AssetListResults } from "../components/AssetListBulk";
import { AssetListFilters } from "../components/AssetListFilters";
import { AssetListPager } from "../components/AssetListPager";
import { AssetListTable } from "../components/AssetListTable";
import {
  listOptions,
  listRows,
  parseListQuery,
  parseTargets,
  seesPublishedOnly,
  submitEach,
} from "../lib/asset-list.server";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import listStyles from "../styles/asset-list.css?url";
// The shared WaitingBadge / DueDate styles live with the queues.

// /assets: every signed-in role's list of assets (a print shop's: published ones only), with
// the filters in the URL, and a drafter's bulk submit of their own drafts behind one confirmation.

export const meta: MetaFunction = () => [{ title: "Ấn phẩm — Cổ động" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: listStyles }];

const BULK_FORM = "al-bulk";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const handle = db();
  const options = listOptions(handle);
  const now = new Date();
  const { query, search, problems } = parseListQuery(new URL(request.url), user, options, vnDate(now));
  const page = listRows(handle, search, user, now);
  return {
    query,
    options,
    problems,
    page,
    publishedOnly: seesPublishedOnly(user),
    canSubmit: user.roles.includes("drafter"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request, ["drafter"]);
  const form = await request.formData();
  const targets = parseTargets(form.getAll("target"));
  if (!targets)
    return data({ kind: "error" as const, message: "Dữ liệu gửi lên không hợp lệ." }, { status: 400 });
  if (targets.length === 0)
    return data({ kind: "error" as const, message: "Chưa chọn ấn phẩm nào." }, { status: 400 });
  if (form.get("confirmed") !== "1") {
    return {
      kind: "confirm" as const,
      targets: targets.map((t) => ({
        assetId: t.assetId,
        code: t.code,
        value: `${t.assetId}|${t.versionHash}|${t.rowVersion}|${t.code}`,
      })),
    };
  }
  return { kind: "bulk" as const, results: submitEach(db(), user, targets) };
}

export default function Assets() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const anySelectable = d.canSubmit && d.page.rows.some((r) => r.selectable);
  return (
    <div className="stack al-page">
      <h1>Ấn phẩm</h1>
      {d.publishedOnly && <p className="muted">Đơn vị in chỉ thấy các ấn phẩm đã phát hành.</p>}
      {d.problems.length > 0 && (
        <div className="warn" role="alert">
          <ul>
            {d.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {a?.kind === "error" && (
        <p className="error" role="alert">
          {a.message}
        </p>
      )}
      {a?.kind === "confirm" && <AssetListConfirm confirm={a} busy={busy} />}
      {a?.kind === "bulk" && <AssetListResults done={a} />}
      <AssetListFilters query={d.query} options={d.options} publishedOnly={d.publishedOnly} />
      <AssetListPager page={d.page.page} pages={d.page.pages} total={d.page.total} />
      {d.page.rows.length === 0 ? (
        <p className="muted" data-testid="asset-list-empty">
          Không có ấn phẩm nào khớp bộ lọc.
        </p>
      ) : (
        <AssetListTable
          rows={d.page.rows}
          formId={BULK_FORM}
          selected={d.query.selected}
          selectable={anySelectable}
        />
      )}
      {anySelectable && <AssetListBulkBar formId={BULK_FORM} busy={busy} />}
      {d.page.pages > 1 && <AssetListPager page={d.page.page} pages={d.page.pages} total={d.page.total} />}
    </div>
  );
}
