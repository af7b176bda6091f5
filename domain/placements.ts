// Where the plan puts its slogans (plan section II.2 and III: main roads, agency offices, village
// cultural houses, crowded places, and the commune's Fanpage, YouTube and Zalo channels).

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

// The register of physical places (issue 13 §1): every kind of place an asset can be aimed at except
// "online", plus the commune's LED / electronic screens, which show files rather than hang them.
export const SITE_KINDS = ["road", "office", "village_hall", "crowded_place", "led_screen"] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const SITE_KIND_LABELS_VI: Record<SiteKind, string> = {
  road: "Trục đường chính",
  office: "Trụ sở cơ quan, đơn vị",
  village_hall: "Nhà văn hóa thôn",
  crowded_place: "Khu vực đông dân cư",
  led_screen: "Màn hình LED, điện tử",
};

export function isSiteKind(value: unknown): value is SiteKind {
  return typeof value === "string" && (SITE_KINDS as readonly string[]).includes(value);
}
