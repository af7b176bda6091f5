import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listDownloads, listPrintConfirmations } from "../../storage/assets";
import { confirmPrinted, isPrintAccessError, listPublishedForPrinter } from "../../storage/print-access";
import { printFileLabelVi } from "../../storage/print-access/spec";
import { openLinesOfVersions } from "../../storage/print-orders";
import { Thumbnail } from "../components/Thumbnail";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDateTimeVi, formatMm } from "../lib/format";
import printFilesHref from "../styles/print-files.css?url";
import queuesHref from "../styles/queues.css?url";

export const meta: MetaFunction = () => [{ title: "Thư viện file in — Cổ động" }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: queuesHref },
  { rel: "stylesheet", href: printFilesHref },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request, ["printer", "admin"]);
  const handle = db();
  const published = listPublishedForPrinter(handle);
  // Quantities and places come from the office's orders (issue 13 §2); the asset's own hints are the fallback.
  const ordered = openLinesOfVersions(
    handle,
    { userId: user.id, roles: user.roles },
    published.map((p) => p.version.id),
  );
  return {
    canDownload: user.roles.includes("printer"),
    assets: published.map((p) => {
      const s = p.spec;
      const print = s.trimWidthMm != null && s.trimHeightMm != null;
      const scaled = p.files.find((f) => f.kind === "pdf_scaled") ?? null;
      return {
        id: p.assetId,
        code: p.code,
        title: p.title,
        itemCode: p.contentItem?.code ?? null,
        versionId: p.version.id,
        versionN: p.version.n,
        verifyCode: p.version.verifyCode,
        hash: p.version.contentHash,
        // Formats over 5.08 m: the true-size PDF and the 1:10 PDF, each saying which RIP it is for.
        printFiles: scaled
          ? (["pdf", "pdf_scaled"] as const).map((kind) => ({
              kind,
              label: printFileLabelVi(kind, true),
              sha256: kind === "pdf" ? p.version.contentHash : scaled.sha256,
            }))
          : null,
        approvedBy: p.approvedBy,
        approvedAt: p.approvedAt,
        spec: {
          label: s.formatLabel,
          print,
          trim: print
            ? `${formatMm(s.trimWidthMm!)} × ${formatMm(s.trimHeightMm!)}`
            : `${s.widthPx ?? "?"} × ${s.heightPx ?? "?"} px`,
          bleed: s.bleedMm ? `${s.bleedMm} mm mỗi cạnh` : null,
          hem: s.hemMm ? `${s.hemMm} mm (may viền, khoen)` : null,
          material: s.materialHint,
        },
        quantity: s.quantity,
        placement: s.placementLabel,
        orders: ordered.get(p.version.id) ?? [],
        downloads: listDownloads(handle, p.assetId).filter((x) => x.version_id === p.version.id).length,
        confirmations: listPrintConfirmations(handle, p.assetId)
          .filter((c) => c.version_id === p.version.id)
          .map((c) => ({ status: c.status, who: c.display_name, at: c.at, quantity: c.quantity })),
      };
    }),
  };
}

const confirmSchema = z.object({
  assetId: z.string().min(1).max(100),
  status: z.enum(["printed", "delivered"]),
  quantity: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  note: z.string().max(2000).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request, ["printer"]);
  const parsed = confirmSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Dữ liệu xác nhận không hợp lệ.", ok: null }, { status: 400 });
  try {
    confirmPrinted({
      db: db(),
      assetId: parsed.data.assetId,
      userId: user.id,
      roles: user.roles,
      status: parsed.data.status,
      quantity: parsed.data.quantity ?? null,
      note: parsed.data.note || null,
    });
  } catch (e) {
    if (isPrintAccessError(e)) return data({ error: e.messageVi, ok: null }, { status: 409 });
    throw e;
  }
  return { ok: `Đã xác nhận ${parsed.data.status === "printed" ? "đã in" : "đã giao"}.`, error: null };
}

export default function PrintLibrary() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>Thư viện file in</h1>
      <p className="muted">
        Chỉ các ấn phẩm đã được lãnh đạo phê duyệt và phát hành. Mỗi lượt tải được ghi nhật ký; đường dẫn tải
        chỉ có hiệu lực trong 2 phút.
      </p>
      {a?.ok && (
        <p className="notice" role="status">
          {a.ok}
        </p>
      )}
      {a?.error && (
        <p className="error" role="alert">
          {a.error}
        </p>
      )}
      {d.assets.length === 0 ? (
        <p className="muted">Chưa có ấn phẩm nào được phát hành.</p>
      ) : (
        <ul className="print-list">
          {d.assets.map((x) => (
            <li key={x.id} className="card print-card" data-asset={x.code}>
              <Thumbnail
                versionId={x.versionId}
                alt={`Bản xem trước ${x.code}: ${x.title}`}
                formatLabel={x.spec.label}
                className="thumb print-thumb"
              />
              <h2>{x.code}</h2>
              <p className="format-label muted">{x.spec.label}</p>
              <p>“{x.title}”</p>
              <dl className="spec">
                <dt>Khổ</dt>
                <dd>{x.spec.label}</dd>
                <dt>Kích thước thành phẩm</dt>
                <dd>{x.spec.trim}</dd>
                {x.spec.bleed && (
                  <>
                    <dt>Tràn lề</dt>
                    <dd>{x.spec.bleed}</dd>
                  </>
                )}
                {x.spec.hem && (
                  <>
                    <dt>Viền may</dt>
                    <dd>{x.spec.hem}</dd>
                  </>
                )}
                {x.spec.material && (
                  <>
                    <dt>Vật liệu gợi ý</dt>
                    <dd>{x.spec.material}</dd>
                  </>
                )}
                {x.orders.length > 0 ? (
                  <>
                    <dt>Đơn đặt in</dt>
                    <dd data-testid="card-orders">
                      <ul className="plain">
                        {x.orders.map((o) => (
                          <li key={`${o.orderId}`}>
                            <a href={`/orders/${o.orderId}`}>{o.orderCode}</a>: {o.quantity} bản
                            {o.placements.length > 0 &&
                              ` — ${o.placements.map((pl) => `${pl.name} (${pl.quantity})`).join("; ")}`}
                            {o.deliveredOn ? " · đã giao" : o.printedOn ? " · đã in" : ""}
                          </li>
                        ))}
                      </ul>
                    </dd>
                  </>
                ) : (
                  <>
                    <dt>Số lượng</dt>
                    <dd>{x.quantity ?? "Chưa có đơn đặt in"}</dd>
                    <dt>Vị trí treo/đặt</dt>
                    <dd>{x.placement ?? "Chưa có đơn đặt in"}</dd>
                  </>
                )}
                <dt>Phiên bản</dt>
                <dd>
                  {x.versionN} · mã xác minh {x.verifyCode}
                </dd>
                <dt>Phê duyệt</dt>
                <dd>
                  {x.approvedBy ?? "—"}
                  {x.approvedAt ? `, ${formatDateTimeVi(x.approvedAt)}` : ""}
                </dd>
                <dt>{x.printFiles ? "SHA-256 file đúng kích thước" : "SHA-256"}</dt>
                <dd className="hash">{x.hash}</dd>
                {x.printFiles && (
                  <>
                    <dt>SHA-256 file tỷ lệ 1:10</dt>
                    <dd className="hash">{x.printFiles[1].sha256}</dd>
                  </>
                )}
                <dt>Đã tải</dt>
                <dd>{x.downloads} lượt</dd>
              </dl>
              {x.confirmations.length > 0 && (
                <ul>
                  {x.confirmations.map((c) => (
                    <li key={`${c.status}-${c.at}`}>
                      {c.status === "printed" ? "Đã in" : "Đã giao"}
                      {c.quantity ? ` ${c.quantity} bản` : ""} — {c.who}, {formatDateTimeVi(c.at)}
                    </li>
                  ))}
                </ul>
              )}
              {d.canDownload && (
                <>
                  {x.printFiles ? (
                    <ul className="print-files" aria-label={`File in của ${x.code}`}>
                      {x.printFiles.map((f) => (
                        <li key={f.kind} data-file-kind={f.kind}>
                          <span className="print-file-label">{f.label}</span>
                          <form method="post" action={`/print/${x.id}/download?kind=${f.kind}`}>
                            {f.kind === "pdf" ? (
                              <button type="submit" className="btn primary" data-download={x.code}>
                                Tải file in đúng kích thước (PDF)
                              </button>
                            ) : (
                              <button type="submit" className="btn" data-download-scaled={x.code}>
                                Tải file tỷ lệ 1:10 (PDF)
                              </button>
                            )}
                          </form>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <form method="post" action={`/print/${x.id}/download`} className="row">
                      <button type="submit" className="btn primary" data-download={x.code}>
                        {x.spec.print ? "Tải file in (PDF)" : "Tải file (PDF)"}
                      </button>
                    </form>
                  )}
                  <details>
                    <summary>Xác nhận đã in / đã giao</summary>
                    <Form method="post" className="form">
                      <input type="hidden" name="assetId" value={x.id} />
                      <label>
                        Trạng thái
                        <select name="status" defaultValue="printed">
                          <option value="printed">Đã in</option>
                          <option value="delivered">Đã giao</option>
                        </select>
                      </label>
                      <label>
                        Số lượng
                        <input name="quantity" type="number" min={1} inputMode="numeric" />
                      </label>
                      <label>
                        Ghi chú
                        <input name="note" maxLength={2000} />
                      </label>
                      <button type="submit" className="btn">
                        Xác nhận
                      </button>
                    </Form>
                  </details>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
