// Vietnamese writes one syllable per word-space, so a line breaker sees "người | dân" as two
// words. Splitting such a compound across lines reads badly on a banner; this list holds the
// compounds that recur in administrative-reform slogans, used only as a line-break penalty.
const COMPOUNDS = `
cải cách|hành chính|nhà nước|người dân|doanh nghiệp|dịch vụ|trực tuyến|chính quyền|điện tử|chuyển đổi
đổi số|thủ tục|công chức|viên chức|cán bộ|nhân dân|hài lòng|phục vụ|minh bạch|hiệu quả|hiệu lực|chuyên nghiệp
kỷ cương|kỷ luật|trách nhiệm|thanh toán|hồ sơ|một cửa|liên thông|tiện lợi|nhanh chóng|công khai|đường dây
dây nóng|phản ánh|kiến nghị|thực thi|phát huy|động lực|tăng trưởng|bứt phá|chủ động|phát triển|kinh tế
xã hội|xây dựng|thông minh|công nghệ|thông tin|khoa học|tổ chức|bộ máy|tinh gọn|chất lượng|tiêu chuẩn
quốc gia|cuộc thi|hưởng ứng|tích cực|tuyên truyền|phổ biến|pháp luật|chính sách|chủ trương|quan điểm
đồng thuận|giám sát|quyền lợi|nghĩa vụ|thước đo|thái độ|giao tiếp|ứng xử|văn hóa|đạo đức|công vụ|công dân
môi trường|đầu tư|kinh doanh|cạnh tranh|năng lực|mô hình|điển hình|tiên tiến|sáng kiến|giải pháp|chỉ số
kết quả|nhiệm vụ|mục tiêu|ý nghĩa|quan trọng|thúc đẩy|nâng cao|ứng dụng|đẩy mạnh|sử dụng|cung cấp
hướng dẫn|tiếp nhận|giải quyết|đơn giản|đơn vị|cơ quan|lãnh đạo|chỉ đạo|điều hành|quản lý|tài chính
thể chế|chế độ|đoàn kết|đồng lòng|chung sức|sáng tạo|đổi mới|hội nhập|bền vững|văn minh|hiện đại
thuận tiện|dễ dàng|mọi lúc|mọi nơi|tận tâm|tận tụy|lắng nghe|nhân viên|trung tâm|lạc phượng|hải phòng
ủy ban|hội đồng|mặt trận|tổ quốc|việt nam|ban hành|kế hoạch|thực hiện|triển khai|tiết kiệm|thời gian
chi phí|công sức|an toàn|bảo mật|định danh|căn cước|tài khoản|ví điện|không dùng|tiền mặt|trước hạn
đúng hạn|quá hạn|người đứng|đứng đầu|chịu trách|chữ ký|ký số|gia đình|thôn xóm|cộng đồng|vững mạnh|trong sạch|liêm chính|hành động
`;

const SET = new Set(
  COMPOUNDS.split(/[|\n]/)
    .map((s) => s.trim().normalize("NFC").toLocaleLowerCase("vi-VN"))
    .filter(Boolean),
);

function strip(word: string): string {
  return word.toLocaleLowerCase("vi-VN").replace(/^[“"‘'(«]+|[”"’'),.;:!?…»–—-]+$/gu, "");
}

/** True when the last syllable of `left` and the first of `right` form a known compound. */
export function isCompoundBreak(left: string, right: string): boolean {
  const l = left.split(" ").pop() ?? "";
  const r = right.split(" ")[0] ?? "";
  if (/[,;:.!?…–—]$/u.test(l)) return false;
  return SET.has(`${strip(l)} ${strip(r)}`);
}
