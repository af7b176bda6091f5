import { useEffect, useRef, useState } from "react";

/** Codes are open-ended (the engine adds checks): show any code by its message. */
export interface PreflightIssue {
  code: string;
  messageVi: string;
}
export interface PreflightReport {
  ok: boolean;
  errors: PreflightIssue[];
  warnings: PreflightIssue[];
}

interface State {
  src: string | null;
  loading: boolean;
  error: string | null;
  preflight: PreflightReport | null;
  ms: number | null;
}

/** X-Preflight: base64url of the report's UTF-8 JSON (headers are ASCII); a malformed one reads as none. */
export function decodePreflight(header: string | null): PreflightReport | null {
  if (!header) return null;
  try {
    const b64 = header.replace(/-/g, "+").replace(/_/g, "/");
    const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const raw = JSON.parse(new TextDecoder().decode(bytes)) as Partial<PreflightReport> | null;
    const list = (v: unknown): PreflightIssue[] =>
      Array.isArray(v)
        ? v
            .filter((i) => i && typeof i.messageVi === "string")
            .map((i) => ({ code: String(i.code), messageVi: i.messageVi }))
        : [];
    const errors = list(raw?.errors);
    return { ok: errors.length === 0, errors, warnings: list(raw?.warnings) };
  } catch {
    return null;
  }
}

/**
 * Longest query sent in the URL. Percent-encoded Vietnamese takes up to nine bytes a letter, so a
 * long slogan with bullets makes a URL the HTTP server refuses (431) before the app can answer
 * with a message; past this the same fields are POSTed as a form, which /api/preview also takes.
 */
export const MAX_PREVIEW_QUERY = 2000;

/** How to ask /api/preview for `query`: GET (cacheable) when short, a form POST when long. */
export function previewRequest(query: string): { url: string; init: RequestInit } {
  if (query.length <= MAX_PREVIEW_QUERY) return { url: `/api/preview?${query}`, init: {} };
  return { url: "/api/preview", init: { method: "POST", body: new URLSearchParams(query) } };
}

/**
 * Server-rendered preview that follows typing: requests are debounced (80 ms: a pause between
 * keystrokes, so the picture is there ~100 ms after typing stops) and a newer request aborts the
 * one in flight — the server then drops it if it is still queued — so only the latest text is drawn.
 */
export function useLivePreview(params: Record<string, string> | null, debounceMs = 80): State {
  const [state, setState] = useState<State>({
    src: null,
    loading: false,
    error: null,
    preflight: null,
    ms: null,
  });
  const urlRef = useRef<string | null>(null);
  const query = params ? new URLSearchParams(params).toString() : null;

  useEffect(() => {
    if (!query) return;
    const ctrl = new AbortController();
    const timer = setTimeout(async () => {
      setState((s) => ({ ...s, loading: true }));
      const t0 = performance.now();
      try {
        const { url, init } = previewRequest(query);
        const res = await fetch(url, { ...init, signal: ctrl.signal, credentials: "same-origin" });
        if (!res.ok) {
          const body = (await res.json().catch(() => null)) as { error?: string } | null;
          setState((s) => ({
            ...s,
            loading: false,
            error: body?.error ?? "Không xem trước được.",
            preflight: null,
            ms: null,
          }));
          return;
        }
        const preflight = decodePreflight(res.headers.get("X-Preflight"));
        const blob = await res.blob();
        const src = URL.createObjectURL(blob);
        if (urlRef.current) URL.revokeObjectURL(urlRef.current);
        urlRef.current = src;
        setState({ src, loading: false, error: null, preflight, ms: Math.round(performance.now() - t0) });
      } catch (e) {
        if ((e as Error).name === "AbortError") return;
        setState((s) => ({ ...s, loading: false, error: "Mất kết nối tới máy chủ khi xem trước." }));
      }
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [query, debounceMs]);

  useEffect(
    () => () => {
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );
  return state;
}

export function PreflightList({ report, error }: { report: PreflightReport | null; error: string | null }) {
  if (error) {
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  }
  if (!report) return null;
  return (
    <ul className="preflight" aria-live="polite" aria-label="Kết quả kiểm tra trước khi in">
      {report.errors.map((i) => (
        <li key={`e-${i.code}-${i.messageVi}`} className="pf-error" data-code={i.code}>
          <span className="sr-only">Lỗi: </span>
          {i.messageVi}
        </li>
      ))}
      {report.warnings.map((i) => (
        <li key={`w-${i.code}-${i.messageVi}`} className="pf-warn" data-code={i.code}>
          <span className="sr-only">Cảnh báo: </span>
          {i.messageVi}
        </li>
      ))}
      {report.errors.length > 0 && (
        <li className="pf-note">Có lỗi: ấn phẩm sẽ không được tạo hay gửi duyệt cho tới khi sửa xong.</li>
      )}
      {report.errors.length === 0 && report.warnings.length === 0 && (
        // Only what the checks cover: they cannot tell whether the marks typed are the right ones.
        <li className="pf-ok">
          Không phát hiện lỗi: phông có đủ mọi ký tự, cỡ chữ đạt mức tối thiểu, màu chữ đủ tương phản với nền,
          chữ nằm trong vùng an toàn.
        </li>
      )}
    </ul>
  );
}
