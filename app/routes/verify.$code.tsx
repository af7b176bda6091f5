import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CodeForm, FileCheckForm } from "../components/VerifyForm";
import { VerifyReport } from "../components/VerifyReport";
import { db } from "../lib/db.server";
import { assertSameOrigin } from "../lib/http.server";
import { hashFromForm } from "../lib/upload.server";
import { verifyReport } from "../lib/verify.server";

export const meta: MetaFunction = () => [
  { title: "Kết quả xác minh — Cổ động" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").slice(0, 80);
  return { code, report: verifyReport(db(), code) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const report = verifyReport(db(), (params.code ?? "").slice(0, 80));
  const { hash, error, source } = await hashFromForm(request);
  if (!hash || !report)
    return { error: error ?? "Không tìm thấy mã xác minh.", hash: null, identical: null, source };
  return { error: null, hash, identical: hash === report.version.hash, source };
}

export default function VerifyCode() {
  const { code, report } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <div className="stack narrow">
      <h1>Xác minh ấn phẩm</h1>
      <CodeForm defaultValue={code} />
      {report ? (
        <VerifyReport r={report} />
      ) : (
        <p className="verdict bad" role="status" data-verdict="unknown">
          KHÔNG XÁC ĐỊNH: không tìm thấy mã “{code}” trong hệ thống. File mang mã này không do Ủy ban nhân dân
          xã Lạc Phượng phát hành qua hệ thống Cổ động.
        </p>
      )}
      {report && <FileCheckForm action={`/verify/${encodeURIComponent(code)}`} />}
      {a?.error && (
        <p className="error" role="alert">
          {a.error}
        </p>
      )}
      {a?.hash &&
        (a.identical ? (
          <p className="verdict good" role="status" data-identical="yes">
            TRÙNG KHỚP: {a.source === "file" ? "file tải lên" : "mã SHA-256 đã nhập"} giống hệt từng byte với
            file in của phiên bản này.
          </p>
        ) : (
          <p className="verdict bad" role="status" data-identical="no">
            KHÔNG TRÙNG KHỚP: {a.source === "file" ? "file tải lên" : "mã SHA-256 đã nhập"} (
            <span className="hash">{a.hash}</span>) khác với file đã được duyệt. Không sử dụng file này.
          </p>
        ))}
      <p>
        <Link to="/verify">Tra cứu mã khác</Link>
      </p>
    </div>
  );
}
