import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo, useState } from "react";
import { CreateButtons } from "../components/CreateButtons";
import { ExtraOptions, NO_EXTRA_LINES } from "../components/ExtraOptions";
import { FormatPicker } from "../components/FormatPicker";
import { FormError } from "../components/FormError";
import { useLivePreview } from "../components/LivePreview";
import { PreviewPane } from "../components/PreviewPane";
import { initialSloganDraft, SloganFields } from "../components/SloganFields";
import { TaskDeadlineFields } from "../components/TaskDeadlineFields";
import { TemplatePicker } from "../components/TemplatePicker";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { createFromEditor, editorPageData, parseEditorForm } from "../lib/editor.server";
import editorCss from "../styles/editor.css?url";

export const meta: MetaFunction = () => [{ title: "Tạo ấn phẩm — Cổ động" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["drafter"]);
  return editorPageData(db(), new URL(request.url).searchParams.get("item") ?? "");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request, ["drafter"]);
  const parsed = parseEditorForm(await request.formData());
  if (!parsed.ok) return data({ error: parsed.error, issues: [] as string[] }, { status: 400 });
  const result = await createFromEditor(db(), user, parsed.request);
  if ("error" in result) return data(result, { status: 422 });
  const { created } = result;
  if (created.length === 1) throw redirect(`/asset/${created[0].assetId}?created=1`);
  // Several: the confirmation lists them all (codes, formats, thumbnails).
  throw redirect(`/created?${created.map((c) => `id=${encodeURIComponent(c.assetId)}`).join("&")}`);
}

export default function Editor() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";

  const [draft, setDraft] = useState(() => initialSloganDraft(d.slogans, d.initialItem));
  const [template, setTemplate] = useState(d.templates[0]?.id ?? "");
  const offered = d.templates.find((t) => t.id === template)?.formats ?? [];
  const allowed = d.formats.filter((f) => offered.includes(f.id));
  const [formats, setFormats] = useState<string[]>(() => {
    const first = d.formats.find((f) => f.id === "bang-ron-1x7") ?? d.formats[0];
    return first ? [first.id] : [];
  });
  // In the order they were ticked, so the preview starts on the first one chosen.
  const chosen = formats.flatMap((id) => allowed.find((f) => f.id === id) ?? []);
  const [previewFormat, setPreviewFormat] = useState<string>("");
  const shownFormat = chosen.some((f) => f.id === previewFormat) ? previewFormat : (chosen[0]?.id ?? "");
  const [extras, setExtras] = useState(NO_EXTRA_LINES);

  const { text, subtitle } = draft;
  const params = useMemo(() => {
    if (!shownFormat || !template || !text.trim()) return null;
    // SVG: the master itself, sharp on any screen and the cheapest to make while typing.
    const p: Record<string, string> = { template, format: shownFormat, text, as: "svg" };
    for (const [k, v] of Object.entries({ subtitle, ...extras })) if (v) p[k] = v;
    return p;
  }, [shownFormat, template, text, subtitle, extras]);
  const preview = useLivePreview(params);

  return (
    <div className="stack">
      <h1>Tạo ấn phẩm</h1>
      <div className="editor">
        <Form method="post" className="card form" aria-describedby="editor-help">
          <p id="editor-help" className="hint">
            Chọn nội dung, khẩu hiệu, mẫu thiết kế và một hoặc nhiều khổ. Mỗi khổ tạo thành một ấn phẩm riêng.
          </p>
          <SloganFields
            items={d.items}
            slogans={d.slogans}
            maxChars={d.maxChars}
            value={draft}
            onChange={setDraft}
          />
          <TaskDeadlineFields tasks={d.tasks} />
          <TemplatePicker templates={d.templates} value={template} onChange={setTemplate} />
          <FormatPicker
            formats={allowed}
            selected={formats}
            chosen={chosen.length}
            onToggle={(id, on) => setFormats((cur) => (on ? [...cur, id] : cur.filter((x) => x !== id)))}
          />
          <ExtraOptions value={extras} onChange={setExtras} placements={d.placements} />
          {actionData?.error && (
            <FormError error={actionData.error} issues={actionData.issues} testId="create-error" />
          )}
          <CreateButtons count={chosen.length} busy={busy} />
        </Form>
        <PreviewPane
          formats={chosen}
          shown={shownFormat}
          onShow={setPreviewFormat}
          preview={preview}
          text={text}
        />
      </div>
    </div>
  );
}
