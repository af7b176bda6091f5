import { type Dispatch, type SetStateAction, useEffect, useRef, useState } from "react";

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
  /** The query `src` was rendered from (the text on screen may be newer). */
  query: string | null;
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

/** What a preview is drawn from, as the editor's form holds it. */
export interface PreviewFields {
  template: string;
  format: string;
  text: string;
  /** The optional lines (subtitle, issuer, hotline, qrUrl, bullets, footer); blank ones are left out. */
  lines?: Record<string, string | undefined>;
  /**
   * The design's choices (palette, align, font, photo), already narrowed to what the design offers
   * (`effectiveChoices`); blank ones are left out, so the design's defaults apply.
   */
  choices?: Record<string, string>;
}

/**
 * The /api/preview fields for the form (as SVG: the master itself, sharp on any screen and the
 * cheapest to make while typing), or null while there is nothing to draw. The one place both
 * editors build their preview from, so a field the form sends is never missing from the preview.
 */
export function previewParams(f: PreviewFields): Record<string, string> | null {
  if (!f.template || !f.format || !f.text.trim()) return null;
  const p: Record<string, string> = { template: f.template, format: f.format, text: f.text, as: "svg" };
  for (const [k, v] of Object.entries({ ...f.lines, ...f.choices })) if (v) p[k] = v;
  return p;
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

/** Marks for the editor benchmark (scripts/bench/editor.ts): which text each picture shows. */
const MARK_REQUEST = "live-preview:request";
const MARK_SHOWN = "live-preview:shown";
/** An answer slower than this shows "updating". */
const SLOW_MS = 150;

/**
 * One request at a time for the latest text: the first keystroke is sent at once, and what is
 * typed while a preview is on its way is sent the moment it arrives (decision 051). A request is
 * never aborted for newer text, since its render is already running or about to; only unmounting
 * aborts (the server then drops a job still queued).
 */
class PreviewLoader {
  private wanted: string | null = null;
  private sent: string | null = null;
  private busy = false;
  private url: string | null = null;
  private readonly ctrl = new AbortController();

  constructor(private readonly set: Dispatch<SetStateAction<State>>) {}

  want(query: string): void {
    this.wanted = query;
    void this.pump();
  }

  close(): void {
    this.ctrl.abort();
    if (this.url) URL.revokeObjectURL(this.url);
  }

  private async pump(): Promise<void> {
    if (this.busy || this.wanted === null || this.wanted === this.sent) return;
    const query = this.wanted;
    this.sent = query;
    this.busy = true;
    // "Updating" only for a slow answer: a quick one would make the page (and a screen reader,
    // the line is aria-live) flicker on every keystroke, and costs the editor a render each time.
    const slow = setTimeout(() => this.set((s) => (s.loading ? s : { ...s, loading: true })), SLOW_MS);
    await this.load(query);
    clearTimeout(slow);
    this.busy = false;
    if (this.ctrl.signal.aborted) return;
    if (this.wanted !== this.sent) void this.pump();
    else this.set((s) => (s.loading ? { ...s, loading: false } : s));
  }

  private async load(query: string): Promise<void> {
    const t0 = performance.now();
    performance.mark(MARK_REQUEST, { detail: query });
    try {
      const { url, init } = previewRequest(query);
      const res = await fetch(url, { ...init, signal: this.ctrl.signal, credentials: "same-origin" });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: string } | null;
        this.set((s) => ({ ...s, error: body?.error ?? "Không xem trước được.", preflight: null, ms: null }));
        return;
      }
      const preflight = decodePreflight(res.headers.get("X-Preflight"));
      const src = URL.createObjectURL(await res.blob());
      if (this.ctrl.signal.aborted) {
        URL.revokeObjectURL(src);
        return;
      }
      if (this.url) URL.revokeObjectURL(this.url);
      this.url = src;
      performance.mark(MARK_SHOWN, { detail: { query, src } });
      const ms = Math.round(performance.now() - t0);
      this.set((s) => ({ ...s, src, query, error: null, preflight, ms }));
    } catch {
      if (this.ctrl.signal.aborted) return;
      this.set((s) => ({ ...s, error: "Mất kết nối tới máy chủ khi xem trước." }));
    }
  }
}

/**
 * Server-rendered preview that follows typing: no debounce, one request in flight, the latest
 * text next (PreviewLoader). `debounceMs` delays sending after a keystroke; 0 measured best
 * (decision 051: the 80 ms it used to wait was most of the time to the picture).
 */
export function useLivePreview(params: Record<string, string> | null, debounceMs = 0): State {
  const [state, setState] = useState<State>({
    src: null,
    query: null,
    loading: false,
    error: null,
    preflight: null,
    ms: null,
  });
  const loader = useRef<PreviewLoader | null>(null);
  const query = params ? new URLSearchParams(params).toString() : null;

  useEffect(() => {
    const l = new PreviewLoader(setState);
    loader.current = l;
    return () => {
      l.close();
      loader.current = null;
    };
  }, []);

  useEffect(() => {
    if (!query) return;
    if (debounceMs <= 0) {
      loader.current?.want(query);
      return;
    }
    const timer = setTimeout(() => loader.current?.want(query), debounceMs);
    return () => clearTimeout(timer);
  }, [query, debounceMs]);

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
