import { STATE_LABELS_VI, type AssetState } from "../../domain/states";

export function StateBadge({ state }: { state: string }) {
  return <span className={`badge state-${state}`}>{STATE_LABELS_VI[state as AssetState] ?? state}</span>;
}
