// Where the plan puts its slogans (plan section III: main roads, agency offices, village cultural
// houses, crowded places, and the commune's Fanpage, YouTube and Zalo channels).

export const PLACEMENTS = ["road", "office", "village_hall", "crowded_place", "online"] as const;
export type Placement = (typeof PLACEMENTS)[number];

export const PLACEMENT_LABELS_VI: Record<Placement, string> = {
  road: "Trục đường chính",
  office: "Trụ sở cơ quan, đơn vị",
  village_hall: "Nhà văn hóa thôn",
  crowded_place: "Khu vực đông dân cư",
  online: "Trên mạng (Fanpage, YouTube, Zalo OA)",
};

export function isPlacement(value: unknown): value is Placement {
  return typeof value === "string" && (PLACEMENTS as readonly string[]).includes(value);
}
