import type { InstallationView } from "../../storage/installations";
import { InstallationList } from "./installation-list";

/**
 * The asset page's "Nghiệm thu lắp đặt": where the asset's printed copies hang (or hung), since
 * when, and the photos that prove it. Nothing when no installation was recorded.
 */
export function InstallationAssetSection({ installations }: { installations: InstallationView[] }) {
  if (installations.length === 0) return null;
  const up = installations.filter((i) => !i.removedOn).length;
  const photos = installations.reduce((n, i) => n + i.photos.length, 0);
  return (
    <section className="card install-section" aria-labelledby="install-h" data-testid="asset-installations">
      <h2 id="install-h">Nghiệm thu lắp đặt</h2>
      <p className="muted">{`Đang treo/đặt tại ${up}/${installations.length} vị trí · ${photos} ảnh`}</p>
      <InstallationList items={installations} by="place" />
    </section>
  );
}
