import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { CodeForm, FileCheckForm } from "../components/VerifyForm";
import { verifyByFileHash } from "../../storage/print-access";
import { db } from "../lib/db.server";
import { assertSameOrigin } from "../lib/http.server";
import { hashFromForm } from "../lib/upload.server";
import { verifyAudience } from "../lib/verify.server";

export const meta: MetaFunction = () => [{ title: "Xác minh ấn phẩm — Cổ động" }];

// Public: anyone (a print shop, a citizen, an inspector) may check a code or a file.
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("code")?.trim();
  if (code) throw redirect(`/verify/${encodeURIComponent(code)}`);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const got = await hashFromForm(request);
  if (got.hash === null) {
    // 413 past the size limit (the body is no longer read), 503 with Retry-After when busy.
    const headers: HeadersInit = got.retryAfter ? { "Retry-After": String(got.retryAfter) } : {};
    return data({ error: got.error, hash: null, match: null }, { status: got.status, headers });
  }
  const { hash } = got;
  // Names an asset only when the visitor may know about it (see verify.$code).
  const match = verifyByFileHash(db(), hash, verifyAudience(request));
  return {
    error: null,
    hash,
    match: match
      ? { assetCode: match.assetCode, version: match.version, printedCode: match.printedCode }
      : null,
  };
}

export default function VerifyIndex() {
  const a = useActionData<typeof action>();
  return (
    <div className="stack narrow">
      <h1>Xác minh ấn phẩm tuyên truyền</h1>
      <p>
        Nhập mã xác minh (8 ký tự) hoặc mã ấn phẩm in trên dải thông tin cạnh file in, hoặc quét mã QR, để
        biết ấn phẩm đã được Ủy ban nhân dân xã Lạc Phượng phê duyệt và phát hành hay chưa.
      </p>
      <CodeForm />
      <FileCheckForm action="/verify?index" />
      {a?.error && (
        <p className="error" role="alert">
          {a.error}
        </p>
      )}
      {a?.hash &&
        (a.match ? (
          <p className="notice" role="status">
            File trùng khớp từng byte với phiên bản {a.match.version} của ấn phẩm {a.match.assetCode}.{" "}
            <Link to={`/verify/${a.match.printedCode}`}>Xem tình trạng phê duyệt</Link>
          </p>
        ) : (
          <p className="verdict bad" role="status">
            Không có ấn phẩm nào trong hệ thống có file trùng khớp (SHA-256{" "}
            <span className="hash">{a.hash}</span>).
          </p>
        ))}
    </div>
  );
}
