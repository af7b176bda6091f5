import type { SiteKind } from "../../domain/placements";
import type { DbHandle } from "../db/connection";
import { immediate } from "../db/sync";

// A small demo register (issue 13 §1) so a fresh install can walk an order through to installation.
// Every name starts "[Mẫu]" and names no real road, office or village: the commune's real places
// are the office's to enter, and these rows are marked is_demo so every page shows them as demo.

export interface DemoPlacement {
  id: string;
  kind: SiteKind;
  name: string;
  address: string;
  frameText: string;
  formatIds: string[];
  note: string;
}

const DEMO_NOTE = "Dữ liệu mẫu để thử phần mềm; thay bằng vị trí thật của xã trước khi sử dụng.";
const ROAD_FRAME = "khung 1,2 × 10 m";

export const DEMO_PLACEMENTS: readonly DemoPlacement[] = [
  {
    id: "demo-placement-road-1",
    kind: "road",
    name: "[Mẫu] Trục đường chính — đoạn 1",
    address: "Đoạn mẫu từ điểm A đến điểm B",
    frameText: ROAD_FRAME,
    formatIds: ["bang-ron-1.2x10"],
    note: DEMO_NOTE,
  },
  {
    id: "demo-placement-road-2",
    kind: "road",
    name: "[Mẫu] Trục đường chính — đoạn 2",
    address: "Đoạn mẫu từ điểm B đến điểm C",
    frameText: ROAD_FRAME,
    formatIds: ["bang-ron-1.2x10"],
    note: DEMO_NOTE,
  },
  {
    id: "demo-placement-office-1",
    kind: "office",
    name: "[Mẫu] Trụ sở cơ quan, đơn vị 1",
    address: "Địa chỉ mẫu",
    frameText: "Mặt tiền, cổng chính",
    formatIds: ["bang-ron-0.8x5", "bang-ron-1x7", "a0", "a1"],
    note: DEMO_NOTE,
  },
  {
    id: "demo-placement-village-1",
    kind: "village_hall",
    name: "[Mẫu] Nhà văn hóa thôn 1",
    address: "Địa chỉ mẫu",
    frameText: "",
    formatIds: [],
    note: DEMO_NOTE,
  },
  {
    id: "demo-placement-village-2",
    kind: "village_hall",
    name: "[Mẫu] Nhà văn hóa thôn 2",
    address: "Địa chỉ mẫu",
    frameText: "",
    formatIds: [],
    note: DEMO_NOTE,
  },
  {
    id: "demo-placement-crowded-1",
    kind: "crowded_place",
    name: "[Mẫu] Khu vực đông dân cư 1",
    address: "Địa chỉ mẫu (chợ, bến xe, quảng trường…)",
    frameText: "Khung pano 3 × 6 m",
    formatIds: ["pano-3x6", "bang-ron-1x7"],
    note: DEMO_NOTE,
  },
  {
    id: "demo-placement-led-1",
    kind: "led_screen",
    name: "[Mẫu] Màn hình LED 1",
    address: "Địa chỉ mẫu",
    frameText: "Màn hình 16:9",
    formatIds: ["led-1920x1080"],
    note: DEMO_NOTE,
  },
];

/**
 * Adds the demo places to plan `planId` where neither their id nor their name is taken yet (an
 * edited or retired demo row is left as it is). Returns how many were added.
 */
export function seedDemoPlacements(handle: DbHandle, planId: string, at: string): number {
  const insert = handle.conn.prepare(
    `INSERT INTO placements (id, plan_id, kind, name, address, lat, lng, frame_text, format_ids_json, note,
       is_demo, active, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, 1, 1, NULL, ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  return immediate(handle.conn, () =>
    DEMO_PLACEMENTS.reduce(
      (n, p) =>
        n +
        insert.run(
          p.id,
          planId,
          p.kind,
          p.name,
          p.address,
          p.frameText,
          JSON.stringify(p.formatIds),
          p.note,
          at,
          at,
        ).changes,
      0,
    ),
  );
}
