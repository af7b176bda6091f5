import {
  PUBLISH_STATE_LABELS_VI,
  type PublishStatus,
  publishStatus,
  retryPublish,
} from "../../jobs/publisher";
import { getAsset, getAssetByCode } from "../../storage/assets";
import type { DbHandle } from "../../storage/db/connection";
import { openAppDatabase } from "./database";

const USAGE = "usage: publish status CODE [--json] | publish retry CODE";

/**
 * `publish status CODE`: where an asset's approved files are on their way to the object store
 * (decision 060). `publish retry CODE`: puts an upload that gave up back in the queue after the
 * cause was fixed; the running server's publisher picks it up on its next pass. CODE is the asset
 * code (or its id). Exit 0; 1 with one `CODE: message` line when there is no such asset or nothing
 * to retry; 2 on bad usage.
 */
export async function publishCommand(args: string[]): Promise<number> {
  const [sub, code, ...rest] = args;
  if (sub === "--help" || sub === "-h") {
    console.log(USAGE);
    return 0;
  }
  const json = rest.includes("--json");
  const extra = rest.filter((a) => a !== "--json");
  if (!code || extra.length || (sub !== "status" && sub !== "retry") || (json && sub !== "status")) {
    console.error(`USAGE: ${USAGE}`);
    return 2;
  }
  const handle = openAppDatabase();
  if (!handle) return 1;
  try {
    const asset = getAssetByCode(handle, code.trim()) ?? getAsset(handle, code.trim());
    if (!asset) {
      console.error(`ASSET_NOT_FOUND: không có ấn phẩm mã "${code}".`);
      return 1;
    }
    if (sub === "status") return printStatus(handle, asset.id, asset.code, json);
    if (!retryPublish(handle, asset.id)) {
      const st = publishStatus(handle, asset.id);
      console.error(
        `NOTHING_TO_RETRY: ${asset.code} không có lượt lưu file in nào đã dừng để thử lại (${PUBLISH_STATE_LABELS_VI[st.state]}).`,
      );
      return 1;
    }
    console.log(
      `${asset.code}: đã đưa lại vào hàng đợi; bộ phát hành của máy chủ sẽ thử lại ở lượt kế tiếp.`,
    );
    return 0;
  } finally {
    handle.close();
  }
}

function printStatus(handle: DbHandle, assetId: string, code: string, json: boolean): number {
  const st: PublishStatus = publishStatus(handle, assetId);
  if (json) {
    process.stdout.write(`${JSON.stringify({ code, assetId, ...st }, null, 2)}\n`);
    return 0;
  }
  const lines = [`${code}: ${PUBLISH_STATE_LABELS_VI[st.state]} (${st.state})`];
  if (st.jobId !== null) lines.push(`  việc #${st.jobId}: ${st.jobStatus}, ${st.attempts} lần thử`);
  if (st.lastError) lines.push(`  lỗi gần nhất: ${st.lastError}`);
  if (st.nextAttemptAt) lines.push(`  lần thử tới: ${st.nextAttemptAt}`);
  if (st.publishedAt) lines.push(`  phát hành lúc: ${st.publishedAt}`);
  for (const o of st.objects) {
    const withdrawn = o.withdrawnAt ? ` — đã rút ${o.withdrawnAt} (${o.withdrawnReason ?? ""})` : "";
    lines.push(`  ${o.kind} ${o.key} sha-256 ${o.sha256}${withdrawn}`);
  }
  if (st.state === "failed") lines.push(`  sau khi khắc phục: npm run cli -- publish retry ${code}`);
  console.log(lines.join("\n"));
  return 0;
}
