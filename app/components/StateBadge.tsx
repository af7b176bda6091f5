import { STATE_LABELS_VI } from "../../workflows/labels";
import type { AssetState } from "../../workflows/asset-machine";

export function StateBadge({ state }: { state: string }) {
  return <span className={`badge state-${state}`}>{STATE_LABELS_VI[state as AssetState] ?? state}</span>;
}
