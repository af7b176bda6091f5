import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CodeForm, FileCheckForm } from "../components/VerifyForm";
import { VerifyReport } from "../components/VerifyReport";
import { verifyByCode, verifyHash } from "../../storage/print-access";
import { db } from "../lib/db.server";
import { assertSameOrigin } from "../lib/http.server";
import { hashFromForm } from "../lib/upload.server";
import { verifyAudience } from "../lib/verify.server";

export const meta: MetaFunction = () => [
  { title: "Kết quả xác minh — Cổ động" },
  { name: "robots", content: "noindex" },
];

// Public. What a code tells depends on who asks (decided from the session, never the request
// body): a signed-out visitor learns only about published and revoked versions; any other code
// gets exactly the answer of a code that does not exist.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").slice(0, 80);
  return { code, result: verifyByCode(db(), code, verifyAudience(request)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const code = (params.code ?? "").slice(0, 80);
  const { hash, error, source } = await hashFromForm(request);
  const check = hash ? verifyHash(db(), code, hash, verifyAudience(request)) : null;
  if (!hash || !check || check.status === "unknown")
    return {
      error: error ?? "Không tìm thấy mã xác minh.",
      hash: null,
      identical: null,
      source,
      matched: null,
    };
  return {
    error: null,
    hash,
    identical: check.identical,
    source,
    matched: check.matchedKind ? MATCHED_VI[check.matchedKind] : null,
  };
}

// Which of the version's files the bytes are: both print files of a format over 5.08 m pass.
const MATCHED_VI = {
  pdf: "file in",
  pdf_scaled: "file in tỷ lệ 1:10",
  png: "file ảnh PNG",
} as const;

export default function VerifyCode() {
  const { code, result } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const known = result.status !== "unknown";
  return (
    <div className="stack narrow">
      <h1>Xác minh ấn phẩm</h1>
      <CodeForm defaultValue={code} />
      {known ? (
        <VerifyReport r={result} />
      ) : (
        <p className="verdict bad" role="status" data-verdict="unknown">
          KHÔNG XÁC ĐỊNH: không tìm thấy mã “{code}” trong hệ thống. File mang mã này không do Ủy ban nhân dân
          xã Lạc Phượng phát hành qua hệ thống Cổ động.
        </p>
      )}
      {known && <FileCheckForm action={`/verify/${encodeURIComponent(code)}`} />}
      {a?.error && (
        <p className="error" role="alert">
          {a.error}
        </p>
      )}
      {a?.hash &&
        (a.identical ? (
          <p className="verdict good" role="status" data-identical="yes">
            TRÙNG KHỚP: {a.source === "file" ? "file tải lên" : "mã SHA-256 đã nhập"} giống hệt từng byte với{" "}
            {a.matched ?? "file in"} của phiên bản này.
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
