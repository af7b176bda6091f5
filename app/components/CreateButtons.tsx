/**
 * The editor's two ways to send: make the assets and submit them for approval at once, or keep
 * them as drafts. Both wait for at least one format, and for the request already on its way.
 */
export function CreateButtons({ count, busy }: { count: number; busy: boolean }) {
  return (
    <div className="row">
      <button type="submit" name="intent" value="submit" className="btn primary" disabled={busy || !count}>
        {busy ? "Đang tạo…" : `Tạo và gửi duyệt${count > 1 ? ` (${count} ấn phẩm)` : ""}`}
      </button>
      <button type="submit" name="intent" value="save" className="btn" disabled={busy || !count}>
        Lưu bản nháp
      </button>
    </div>
  );
}
