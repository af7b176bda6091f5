import { Form } from "@remix-run/react";
import type { AssetPageVersion } from "../lib/asset-page.server";
import { formatDateTimeVi } from "../lib/format";
import { type Pin, PinBoard } from "./PinBoard";
import { PreflightSummary } from "./PreflightSummary";

function VersionSelect({
  label,
  name,
  versions,
  value,
}: {
  label: string;
  name: string;
  versions: AssetPageVersion[];
  value: number | undefined;
}) {
  return (
    <label className="inline">
      {label}
      <select name={name} defaultValue={value}>
        {versions.map((v) => (
          <option key={v.id} value={v.n}>
            Phiên bản {v.n}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Two versions side by side (`?a=` and `?b=` in the address, by number). The right one carries
 * the comment pins and takes new ones; its preflight is shown here unless it is the current
 * version, whose report the page already shows open above.
 */
export function VersionPanel({
  versions,
  currentId,
  left,
  right,
  pins,
  pick,
  onPick,
}: {
  versions: AssetPageVersion[];
  currentId: string | null;
  left: AssetPageVersion | null;
  right: AssetPageVersion | undefined;
  pins: Pin[];
  pick: { x: number; y: number } | null;
  onPick: (p: { x: number; y: number }) => void;
}) {
  return (
    <section aria-labelledby="cmp-h">
      <div className="row">
        <h2 id="cmp-h">Phiên bản</h2>
        {versions.length > 1 && (
          <Form method="get" className="row">
            <VersionSelect label="So sánh" name="a" versions={versions} value={left?.n} />
            <VersionSelect label="với" name="b" versions={versions} value={right?.n} />
            <button type="submit" className="btn small">
              Xem
            </button>
          </Form>
        )}
      </div>
      <div className="compare">
        {left && left.id !== right?.id && (
          <figure>
            <img src={`/img/${left.id}/png`} alt={`Phiên bản ${left.n}: ${left.text}`} className="full" />
            <figcaption>
              Phiên bản {left.n} · {formatDateTimeVi(left.createdAt)}
              <br />“{left.text}”
              <PreflightSummary report={left.preflight} />
            </figcaption>
          </figure>
        )}
        {right && (
          <figure>
            <PinBoard
              src={`/img/${right.id}/png`}
              alt={`Phiên bản ${right.n}: ${right.text}`}
              pins={pins}
              pick={pick}
              onPick={onPick}
            />
            <figcaption>
              Phiên bản {right.n}
              {right.id === currentId ? " (hiện hành)" : ""} · {formatDateTimeVi(right.createdAt)}
              <br />“{right.text}”
              <br />
              <span className="hash">SHA-256 file: {right.contentHash}</span>
              {right.id !== currentId && <PreflightSummary report={right.preflight} />}
            </figcaption>
          </figure>
        )}
      </div>
    </section>
  );
}
