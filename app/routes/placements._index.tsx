import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DemoBadge, PlacementCard } from "../components/placement-card";
import { PlacementForm } from "../components/placement-form";
import { FormOutcome } from "../components/FormOutcome";
import { requireUser } from "../lib/auth.server";
import {
  PLACEMENT_EDITORS,
  PLACEMENT_READERS,
  placementAction,
  placementsPage,
} from "../lib/placements.server";
import ordersCss from "../styles/orders.css?url";

export const meta: MetaFunction = () => [{ title: "Vị trí treo/đặt — Cổ động" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ordersCss }];

export function loader({ request }: LoaderFunctionArgs) {
  return placementsPage(requireUser(request, PLACEMENT_READERS));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request, PLACEMENT_EDITORS);
  const r = placementAction(user, await request.formData());
  return r.error === null ? r : data(r, { status: r.status });
}

export default function Placements() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack placements-page">
      <h1>Vị trí treo/đặt</h1>
      <p className="muted">
        Nơi treo băng rôn, đặt pano, áp phích và màn hình LED của xã theo kế hoạch. Đơn đặt in chia số bản cho
        các vị trí này; vị trí có ghi khổ chỉ nhận ấn phẩm đúng khổ đó.
      </p>
      {page.demoCount > 0 && (
        <p className="warn" role="note">
          Có {page.demoCount} vị trí <DemoBadge /> chỉ để thử phần mềm: tên và địa chỉ không phải nơi có thật.
          Hãy thêm vị trí thật của xã và ngừng sử dụng các vị trí mẫu.
        </p>
      )}
      <FormOutcome ok={result?.ok} error={result?.error} />
      {page.canEdit && (
        <details className="card add-placement" open={page.groups.length === 0}>
          <summary>Thêm vị trí</summary>
          {/* A new key after each save empties the form for the next place. */}
          <PlacementForm
            key={result?.ok && result.intent === "create" ? result.savedId : "new"}
            page={page}
          />
        </details>
      )}
      {page.groups.length === 0 && <p className="muted">Chưa có vị trí nào.</p>}
      {page.groups.map((g) => (
        <section key={g.kind} aria-labelledby={`kind-${g.kind}`}>
          <h2 id={`kind-${g.kind}`}>
            {g.label} <small className="muted">({g.places.length})</small>
          </h2>
          <ul className="placement-list">
            {g.places.map((p) => (
              <PlacementCard key={p.id} place={p} page={page} />
            ))}
          </ul>
        </section>
      ))}
      {page.inactive.length > 0 && (
        <details className="retired">
          <summary>Đã ngừng sử dụng ({page.inactive.length})</summary>
          <ul className="placement-list">
            {page.inactive.map((p) => (
              <PlacementCard key={p.id} place={p} page={page} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
