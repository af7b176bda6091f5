import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { type FormEvent, useState } from "react";
import { listContentItems, listSlogans } from "../../storage/plan";
import { formatsFor, TEMPLATES } from "../../templates/catalog";
import { FORMATS } from "../../templates/formats";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";

export const meta: MetaFunction = () => [{ title: "Tạo bản nháp hàng loạt — Cổ động" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["drafter"]);
  const handle = db();
  const slogans = listSlogans(handle);
  return {
    items: listContentItems(handle).map((i) => ({
      id: i.id,
      code: i.code,
      title: i.title,
      slogan: slogans.find((s) => s.contentItemId === i.id)?.text ?? null,
    })),
    templates: TEMPLATES.map((t) => ({ id: t.id, name: t.name, formats: formatsFor(t).map((f) => f.id) })),
    formats: FORMATS.map((f) => ({ id: f.id, label: f.label })),
  };
}

interface Result {
  key: string;
  ok: boolean;
  text: string;
  assetId?: string;
}

export default function Bulk() {
  const d = useLoaderData<typeof loader>();
  const [template, setTemplate] = useState(d.templates[0]?.id ?? "");
  const offered = d.templates.find((t) => t.id === template)?.formats ?? [];
  const [items, setItems] = useState<string[]>([]);
  const [formats, setFormats] = useState<string[]>([]);
  const [done, setDone] = useState(0);
  const [total, setTotal] = useState(0);
  const [running, setRunning] = useState(false);
  const [results, setResults] = useState<Result[]>([]);
  const allowed = d.formats.filter((f) => offered.includes(f.id));
  const chosenFormats = formats.filter((f) => allowed.some((a) => a.id === f));
  // The new drafts open in the asset list already ticked, ready for one bulk submit.
  const created = results.flatMap((r) => (r.assetId ? [r.assetId] : []));

  const toggle = (list: string[], set: (v: string[]) => void, id: string, on: boolean) =>
    set(on ? [...list, id] : list.filter((x) => x !== id));

  // Jobs run one at a time: each is a full render plus a database write, and the bar moves
  // as each finishes.
  async function run(e: FormEvent) {
    e.preventDefault();
    const jobs = items.flatMap((i) => chosenFormats.map((f) => ({ item: i, format: f })));
    setTotal(jobs.length);
    setDone(0);
    setResults([]);
    setRunning(true);
    for (const job of jobs) {
      const body = new FormData();
      body.set("item", job.item);
      body.set("format", job.format);
      body.set("template", template);
      const label = `${d.items.find((i) => i.id === job.item)?.code} · ${d.formats.find((f) => f.id === job.format)?.label}`;
      try {
        const res = await fetch("/api/bulk-one", { method: "POST", body, credentials: "same-origin" });
        const json = (await res.json()) as { ok: boolean; code?: string; assetId?: string; error?: string };
        setResults((r) => [
          ...r,
          json.ok
            ? { key: label, ok: true, text: `${label}: đã tạo ${json.code}`, assetId: json.assetId }
            : { key: label, ok: false, text: `${label}: ${json.error ?? "lỗi"}` },
        ]);
      } catch {
        setResults((r) => [...r, { key: label, ok: false, text: `${label}: mất kết nối` }]);
      }
      setDone((n) => n + 1);
    }
    setRunning(false);
  }

  return (
    <div className="stack">
      <h1>Tạo bản nháp hàng loạt</h1>
      <p className="muted">
        Mỗi nội dung được chọn dùng khẩu hiệu đầu tiên của mục đó; mỗi cặp nội dung × khổ tạo một bản nháp để
        rà soát rồi gửi duyệt.
      </p>
      <form onSubmit={run} className="stack">
        <label>
          Mẫu thiết kế
          <select value={template} onChange={(e) => setTemplate(e.target.value)} disabled={running}>
            {d.templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <div className="grid2">
          <fieldset>
            <legend>Nội dung ({items.length} đã chọn)</legend>
            <label className="inline">
              <input
                type="checkbox"
                checked={items.length === d.items.length}
                onChange={(e) => setItems(e.target.checked ? d.items.map((i) => i.id) : [])}
              />
              Chọn tất cả
            </label>
            {d.items.map((i) => (
              <label key={i.id} className="inline">
                <input
                  type="checkbox"
                  checked={items.includes(i.id)}
                  onChange={(e) => toggle(items, setItems, i.id, e.target.checked)}
                  disabled={!i.slogan}
                />
                {i.code}. {i.title}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Khổ ({chosenFormats.length} đã chọn)</legend>
            {allowed.map((f) => (
              <label key={f.id} className="inline">
                <input
                  type="checkbox"
                  checked={formats.includes(f.id)}
                  onChange={(e) => toggle(formats, setFormats, f.id, e.target.checked)}
                />
                {f.label}
              </label>
            ))}
          </fieldset>
        </div>
        <div className="row">
          <button
            type="submit"
            className="btn primary"
            disabled={running || !items.length || !chosenFormats.length}
          >
            Tạo {items.length * chosenFormats.length} bản nháp
          </button>
          {total > 0 && (
            <div className="progress-cell" aria-live="polite">
              <progress max={total} value={done} aria-label="Tiến độ tạo bản nháp" />
              <span>
                {done}/{total}
                {running ? " — đang tạo…" : " — xong"}
              </span>
            </div>
          )}
        </div>
      </form>
      {!running && created.length > 0 && (
        <p>
          <Link to={`/assets?states=draft&selected=${created.join(",")}`} className="btn primary">
            Mở {created.length} bản nháp vừa tạo trong danh sách ấn phẩm
          </Link>
        </p>
      )}
      {results.length > 0 && (
        <ul className="asset-list">
          {results.map((r) => (
            <li key={r.key} className={r.ok ? "" : "error"}>
              {r.assetId ? <Link to={`/asset/${r.assetId}`}>{r.text}</Link> : r.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
