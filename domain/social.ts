// The commune's online channels (plan section II.2 and III): a social asset counts as used once
// someone records where it was posted ("đã đăng") with the post's address.

export const SOCIAL_CHANNELS = ["fanpage", "youtube", "zalo_oa", "portal"] as const;
export type SocialChannel = (typeof SOCIAL_CHANNELS)[number];

export const SOCIAL_CHANNEL_LABELS_VI: Record<SocialChannel, string> = {
  fanpage: "Fanpage",
  youtube: "YouTube",
  zalo_oa: "Zalo OA",
  portal: "Cổng TTĐT",
};

export function isSocialChannel(value: unknown): value is SocialChannel {
  return typeof value === "string" && (SOCIAL_CHANNELS as readonly string[]).includes(value);
}
