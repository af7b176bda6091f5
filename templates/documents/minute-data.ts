// What the approval minute (Phiếu duyệt ấn phẩm, issue 13 §4) prints. storage/minute fills it from
// the database and the audit log; templates/documents/minute.ts draws it. Times are ISO UTC.

/** One event of the asset's history as the minute lists it. */
export interface MinuteHistoryRow {
  /** ISO UTC. */
  at: string;
  /** Display name of the actor; null for the system (the publisher) or a deleted user. */
  name: string | null;
  /** Job title and unit as the user register holds them today; null when unknown. */
  title: string | null;
  unit: string | null;
  /** "Lãnh đạo phê duyệt". */
  roleLabel: string;
  /** "Phê duyệt". */
  actionLabel: string;
  /** Version number the event was about, if any. */
  versionN: number | null;
  /** Reason label and text, and any comment, as one line; "" when there is none. */
  reason: string;
}

/** A format of the asset: its label and size ("7000 × 1000 mm", "1080 × 1080 px"). */
export interface MinuteFormat {
  label: string;
  size: string;
}

/** A file of the approved version: what it is and its SHA-256 (hex). */
export interface MinuteFile {
  /** "File in PDF (kích thước thật)". */
  label: string;
  sha256: string;
}

export interface ApprovalMinuteData {
  /** The commune's body ("Ủy ban nhân dân xã Lạc Phượng"); printed in capitals. */
  issuer: string;
  /** The place on the date line ("Lạc Phượng"), or null. */
  place: string | null;
  assetCode: string;
  assetTitle: string;
  versionN: number;
  /** Null for a theme slogan that belongs to no content item. */
  contentItem: { code: string; title: string } | null;
  slogan: string;
  subtitle: string | null;
  formats: MinuteFormat[];
  /** A PNG of the version (about 900 px on the long side), or null. */
  thumbnailPng: Uint8Array | null;
  /** The approved file first (the one decisions bound to), then its companions (the 1:10 file). */
  files: MinuteFile[];
  verifyCode: string;
  /** Absolute address of the public verify page for this version; the QR code encodes it. */
  verifyUrl: string;
  /** ISO UTC of the approval of this version. */
  approvedAt: string;
  /** Who approved it, for the signature place; null when the user no longer exists. */
  approver: { name: string; title: string | null } | null;
  /** The asset's state today ("Đã phát hành", "Đã thu hồi"). */
  stateLabel: string;
  /** Every decision on the asset up to this version, oldest first. */
  history: MinuteHistoryRow[];
  /** ISO UTC: when this minute was produced. */
  generatedAt: string;
  /** The file will be signed digitally (the footnote says so). */
  digitallySigned: boolean;
}
