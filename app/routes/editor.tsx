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
import { DesignControls, effectiveChoices, NO_CHOICES } from "../components/design-controls";
import { FormatPicker } from "../components/format-picker";
import { FormError } from "../components/FormError";
import { previewParams, useLivePreview } from "../components/LivePreview";
import { PreviewPane } from "../components/PreviewPane";
import { initialSloganDraft, SloganFields } from "../components/SloganFields";
import { TaskDeadlineFields } from "../components/TaskDeadlineFields";
import { TemplatePicker } from "../components/template-picker";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { editorDesignData } from "../lib/design-controls.server";
import { createFromEditor, editorPageData, parseEditorForm } from "../lib/editor.server";
import editorCss from "../styles/editor.css?url";

export const meta: MetaFunction = () => [{ title: "Tạo ấn phẩm — Cổ động" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["drafter"]);
  const handle = db();
  const query = new URL(request.url).searchParams;
  const item = query.get("item") ?? "";
  const page = editorPageData(handle, item);
  // `?template=` opens the editor on that design (links from a design's own page, tests).
  const asked = page.templates.find((t) => t.id === query.get("template"));
  return {
    ...page,
    initialTemplate: (asked ?? page.templates[0])?.id ?? "",
    design: editorDesignData(handle, item || undefined),
  };
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
  const [template, setTemplate] = useState(d.initialTemplate);
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
  const controls = d.design.controls[template];
  const [picked, setPicked] = useState(NO_CHOICES);
  const choices = useMemo(() => effectiveChoices(controls, picked), [controls, picked]);

  const { text, subtitle } = draft;
  const params = useMemo(
    () =>
      previewParams({
        template,
        format: shownFormat,
        text,
        lines: { subtitle, ...extras },
        choices: { ...choices },
      }),
    [shownFormat, template, text, subtitle, extras, choices],
  );
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
          <TemplatePicker templates={d.templates} value={template} onChange={setTemplate} design={d.design} />
          <DesignControls
            controls={controls}
            value={choices}
            onChange={setPicked}
            photos={d.design.photos}
            item={d.items.find((i) => i.id === draft.item)}
          />
          <FormatPicker
            formats={allowed}
            selected={formats}
            chosen={chosen.length}
            onToggle={(id, on) => setFormats((cur) => (on ? [...cur, id] : cur.filter((x) => x !== id)))}
            shapes={d.design.shapes}
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
