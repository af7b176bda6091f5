// Copy of the plan's data so the app works without ../shared. Content item texts are verbatim from
// the source markdown (a test parses the markdown and compares); titles and slogans are ours.

export const PLAN_SOURCE_FILE = "ke-hoach-tuyen-truyen-cchc-lac-phuong-2026.md";

export const PLAN = {
  id: "cchc-2026",
  code: "CCHC-2026",
  year: 2026,
  // The source text carries neither a number nor an issue date; we do not invent one.
  number: null,
  issuedOn: null,
  issuingUnitId: "ubnd-xa",
  title: "Kế hoạch tuyên truyền cải cách hành chính nhà nước xã Lạc Phượng năm 2026",
  theme: "Chủ động thực thi; phát huy động lực; tăng trưởng bứt phá",
  signerName: "Đỗ Văn Thắng",
  signerTitle: "TM. Ủy ban nhân dân – KT. Chủ tịch – Phó Chủ tịch",
} as const;

export interface SeedUnit {
  id: string;
  name: string;
  shortName: string | null;
  kind: "government" | "department" | "office" | "center" | "front" | "group" | "external" | "print_shop";
  aliases: string[];
}

// Section V's units first, in the plan's order; then the groups and outside bodies the task table
// and the recipients list name.
export const UNITS: SeedUnit[] = [
  {
    id: "ubnd-xa",
    name: "Ủy ban nhân dân xã Lạc Phượng",
    shortName: "UBND xã",
    kind: "government",
    aliases: ["UBND xã Lạc Phượng"],
  },
  {
    id: "phong-vhxh",
    name: "Phòng Văn hóa - Xã hội",
    shortName: "Phòng VH-XH",
    kind: "department",
    aliases: ["Phòng VH-XH"],
  },
  { id: "vp-hdnd-ubnd", name: "Văn phòng HĐND và UBND", shortName: null, kind: "office", aliases: [] },
  { id: "phong-kinh-te", name: "Phòng Kinh tế", shortName: null, kind: "department", aliases: [] },
  // The heading of V.4 capitalises "Sự"; every other mention, including the task table, does not.
  {
    id: "tt-dvsnc",
    name: "Trung tâm Dịch vụ sự nghiệp công",
    shortName: null,
    kind: "center",
    aliases: ["Trung tâm Dịch vụ Sự nghiệp công"],
  },
  {
    id: "tt-phvhcc",
    name: "Trung tâm phục vụ Hành chính công",
    shortName: null,
    kind: "center",
    aliases: [],
  },
  {
    id: "ubmttq-xa",
    name: "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
    shortName: "UBMTTQ xã",
    kind: "front",
    aliases: ["Ủy ban Mặt trận Tổ quốc"],
  },
  { id: "doan-the-xa", name: "Các đoàn thể xã", shortName: null, kind: "group", aliases: [] },
  {
    id: "phong-trung-tam",
    name: "Các Phòng, Trung tâm thuộc UBND xã",
    shortName: null,
    kind: "group",
    aliases: [],
  },
  {
    id: "co-quan-lien-quan",
    name: "Các cơ quan, đơn vị liên quan",
    shortName: null,
    kind: "group",
    aliases: [],
  },
  {
    id: "so-vhttdl",
    name: "Sở Văn hóa, Thể thao và Du lịch",
    shortName: null,
    kind: "external",
    aliases: [],
  },
  {
    id: "ubnd-tp",
    name: "Ủy ban nhân dân thành phố Hải Phòng",
    shortName: "UBND thành phố",
    kind: "external",
    aliases: ["UBND thành phố Hải Phòng"],
  },
  { id: "don-vi-in", name: "Đơn vị in ấn (đối tác)", shortName: null, kind: "print_shop", aliases: [] },
];

export const PLAN_REFERENCES = [
  {
    id: "qd-247-2026",
    number: "247/QĐ-UBND",
    issuedOn: "2026-01-20",
    issuer: "UBND thành phố Hải Phòng",
    title: "Ban hành Kế hoạch tuyên truyền cải cách hành chính nhà nước thành phố Hải Phòng năm 2026",
  },
  {
    id: "kh-71-2025",
    number: "71/KH-UBND",
    issuedOn: "2025-09-16",
    issuer: "UBND xã Lạc Phượng",
    title: "Thực hiện Chương trình tổng thể cải cách hành chính xã Lạc Phượng giai đoạn 2026 - 2030",
  },
  {
    id: "kh-175-2025",
    number: "175/KH-UBND",
    issuedOn: "2025-12-31",
    issuer: "UBND xã Lạc Phượng",
    title: "Cải cách hành chính nhà nước xã Lạc Phượng năm 2026",
  },
  {
    id: "qd-5256-2025",
    number: "5256/QĐ-UBND",
    issuedOn: "2025-12-26",
    issuer: "UBND thành phố Hải Phòng",
    title: "Ban hành Kế hoạch cải cách hành chính nhà nước thành phố Hải Phòng năm 2026",
  },
];

export interface SeedContentItem {
  code: string;
  title: string;
  text: string;
  slogans: string[];
}

export const CONTENT_ITEMS: SeedContentItem[] = [
  {
    code: "1.1",
    title: "Chủ trương, chính sách, pháp luật về cải cách hành chính",
    text: "Tuyên truyền, phổ biến các quan điểm, chủ trương của Đảng, chính sách, pháp luật của Nhà nước về cải cách hành chính.",
    slogans: [
      "Cải cách hành chính – nhiệm vụ trọng tâm, khâu đột phá của cả hệ thống chính trị",
      "Thực hiện nghiêm chủ trương của Đảng, pháp luật của Nhà nước về cải cách hành chính",
    ],
  },
  {
    code: "1.2",
    title: "Trách nhiệm của cấp ủy, người đứng đầu trong CCHC",
    text: "Tuyên truyền về vai trò, trách nhiệm của các cấp ủy Đảng, của người đứng đầu cơ quan hành chính nhà nước các cấp, người đứng đầu các tổ chức chính trị - xã hội, các đơn vị sự nghiệp công lập đối với việc triển khai thực hiện nhiệm vụ cải cách hành chính; bám sát nội dung tại các kế hoạch của UBND xã về thực hiện Nghị quyết của Đảng ủy, HĐND xã về nhiệm vụ, giải pháp chủ yếu thực hiện Kế hoạch phát triển kinh tế - xã hội năm 2026.",
    slogans: [
      "Người đứng đầu gương mẫu – cải cách hành chính hiệu quả",
      "Cấp ủy vào cuộc, người đứng đầu chịu trách nhiệm, cải cách hành chính thành công",
    ],
  },
  {
    code: "1.3",
    title: "Sắp xếp bộ máy, chính quyền địa phương hai cấp",
    text: "Tuyên truyền tình hình triển khai và kết quả thực hiện các chủ trương, chính sách, quy định pháp luật về đổi mới, sắp xếp, kiện toàn hệ thống tổ chức và nâng cao hiệu quả hoạt động của các cơ quan, tổ chức trong hệ thống chính trị được quy định tại Luật Tổ chức chính quyền địa phương năm 2025; Nghị quyết số 74/NQ-CP ngày 07/04/2025 của Chính phủ ban hành Kế hoạch thực hiện sắp xếp đơn vị hành chính và xây dựng mô hình tổ chức chính quyền địa phương hai cấp; Kết luận số 186-KL/TW ngày 29/8/2025 của Bộ Chính trị, Ban Bí thư về tình hình, kết quả hoạt động của bộ máy hệ thống chính trị và chính quyền địa phương hai cấp; Nghị quyết số 268/NQ-CP ngày 31/8/2025 của Chính phủ về tình hình triển khai thực hiện và vận hành mô hình chính quyền địa phương 02 cấp; Nghị quyết số 1669/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội về việc sắp xếp các đơn vị hành chính cấp xã của thành phố Hải Phòng năm 2025.",
    slogans: [
      "Bộ máy tinh gọn – hoạt động hiệu lực, hiệu quả, gần dân, sát dân",
      "Chính quyền địa phương hai cấp – phục vụ Nhân dân tốt hơn",
    ],
  },
  {
    code: "1.4",
    title: "Ý nghĩa của CCHC; Chương trình tổng thể 2021 - 2030",
    text: "Tuyên truyền, phổ biến sâu rộng về tầm quan trọng, ý nghĩa, mục tiêu và tác động của cải cách hành chính đến phát triển kinh tế - xã hội của thành phố và của xã; tuyên truyền tình hình triển khai, tiến độ, kết quả thực hiện Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030 được ban hành tại Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ và Chỉ thị số 23/CT-TTg ngày 02/9/2021 của Thủ tướng Chính phủ về đẩy mạnh thực hiện Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030; Quyết định số 3470/QĐ-UBND ngày 27/8/2025 của UBND thành phố Hải Phòng ban hành Kế hoạch thực hiện Chương trình tổng thể cải cách hành chính nhà nước thành phố Hải Phòng giai đoạn 2026 - 2030; Kế hoạch số 71/KH-UBND ngày 16/9/2025 của UBND xã về thực hiện Chương trình tổng thể cải cách hành chính nhà nước xã Lạc Phượng giai đoạn 2026 - 2030.",
    slogans: [
      "Đẩy mạnh cải cách hành chính – động lực phát triển kinh tế - xã hội",
      "Chung sức thực hiện Chương trình tổng thể cải cách hành chính giai đoạn 2021 - 2030",
    ],
  },
  {
    code: "1.5",
    title: "CCHC cải thiện môi trường đầu tư kinh doanh",
    text: "Tuyên truyền về tầm quan trọng, ý nghĩa, mục tiêu của cải cách hành chính trong việc góp phần cải thiện môi trường đầu tư kinh doanh, nâng cao năng lực cạnh tranh, thúc đẩy phát triển kinh tế - xã hội trên địa bàn xã.",
    slogans: [
      "Cải cách hành chính – cải thiện môi trường đầu tư, kinh doanh",
      "Thủ tục thông thoáng – doanh nghiệp yên tâm đầu tư, phát triển",
    ],
  },
  {
    code: "1.6",
    title: "Kết quả CCHC năm 2025; nâng cao Par Index, SIPAS",
    text: "Tuyên truyền về kết quả thực hiện công tác cải cách hành chính năm 2025 và phương hướng thực hiện công tác cải cách hành chính năm 2026; chú trọng tuyên truyền các giải pháp để nâng cao các Chỉ số cải cách hành chính (Par Index), Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của các cơ quan hành chính nhà nước (SIPAS).",
    slogans: [
      "Nâng cao Chỉ số cải cách hành chính và mức độ hài lòng của người dân",
      "Sự hài lòng của người dân là thước đo chất lượng phục vụ",
    ],
  },
  {
    code: "1.7",
    title: "Biểu dương mô hình, điển hình tiên tiến trong CCHC",
    text: "Tuyên truyền biểu dương các mô hình, điển hình tiên tiến, hình thức quản lý có hiệu quả trong cải cách hành chính; về tinh thần phục vụ của đội ngũ cán bộ, công chức, viên chức; các cá nhân, tập thể có thành tích xuất sắc được khen thưởng trong công tác cải cách hành chính. Thông tin kịp thời các phản ánh, kiến nghị của người dân, tổ chức, doanh nghiệp về giải quyết thủ tục hành chính của các cơ quan, đơn vị có thái độ, hành vi tiêu cực, sách nhiễu trong thi hành công vụ, giải quyết thủ tục hành chính.",
    slogans: [
      "Nhân rộng mô hình hay, điển hình tiên tiến trong cải cách hành chính",
      "Cán bộ tận tụy – người dân hài lòng",
    ],
  },
  {
    code: "1.8",
    title: "Quan hệ Nhà nước và Nhân dân; giám sát CCHC",
    text: "Tuyên truyền về Quy định của pháp luật về mối quan hệ giữa Nhà nước và Nhân dân; quyền, nghĩa vụ và trách nhiệm của cá nhân, tổ chức trong việc tham gia và giám sát tiến trình cải cách hành chính.",
    slogans: [
      "Người dân tham gia, giám sát – cải cách hành chính thực chất",
      "Nhà nước phục vụ, Nhân dân đồng hành trong cải cách hành chính",
    ],
  },
  {
    code: "1.9",
    title: "Chỉ tiêu CCHC năm 2026 và các lĩnh vực cải cách",
    text: "Tuyên truyền các chỉ tiêu chủ yếu thực hiện cải cách hành chính năm 2026 theo Kế hoạch số 175/QĐ-UBND ngày 31/12/2025 của Ủy ban nhân dân xã. Tuyên truyền, phổ biến công tác tổ chức chỉ đạo, điều hành, thực hiện cải cách hành chính; cải cách thể chế; cải cách thủ tục hành chính; cải cách tổ chức bộ máy; cải cách chế độ công vụ; cải cách tài chính công, xây dựng và phát triển chính quyền điện tử, chính quyền số.",
    slogans: [
      "Hoàn thành toàn diện các chỉ tiêu cải cách hành chính năm 2026",
      "Cải cách thể chế, thủ tục, bộ máy, công vụ, tài chính công – xây dựng chính quyền số",
    ],
  },
  {
    code: "1.10",
    title: "Chuyển đổi số, chính quyền số, xã thông minh",
    text: "Đẩy mạnh tuyên truyền về Chương trình tổng thể cải cách hành chính nhà nước xã Lạc Phượng gắn với tuyên truyền Nghị quyết của Đảng ủy về khoa học công nghệ, chuyển đổi số. Tuyên truyền về việc xây dựng và phát triển chính quyền điện tử, chính quyền số hướng tới xây dựng xã thông minh.",
    slogans: [
      "Chuyển đổi số – hướng tới xã Lạc Phượng thông minh",
      "Xây dựng chính quyền số, phục vụ người dân mọi lúc, mọi nơi",
    ],
  },
  {
    code: "1.11",
    title: "Ứng dụng công nghệ thông tin trong CCHC",
    text: "Tuyên truyền về việc đẩy mạnh ứng dụng công nghệ thông tin trong cải cách hành chính.",
    slogans: [
      "Ứng dụng công nghệ thông tin – giải quyết công việc nhanh hơn, minh bạch hơn",
      "Công nghệ thông tin đồng hành cùng cải cách hành chính",
    ],
  },
  {
    code: "1.12",
    title: "Dịch vụ công, thanh toán trực tuyến; đường dây nóng",
    text: "Thông tin, hướng dẫn người dân, doanh nghiệp sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến thủ tục hành chính; giới thiệu công khai các địa chỉ, điện thoại đường dây nóng tiếp nhận phản ánh, kiến nghị về thủ tục hành chính, quy định hành chính, tinh thần trách nhiệm, thái độ giao tiếp, ứng xử của cán bộ, công chức, viên chức với công dân, tổ chức.",
    slogans: [
      "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
      "Thanh toán trực tuyến thủ tục hành chính – không dùng tiền mặt, không phải chờ đợi",
      "Phản ánh, kiến nghị về thủ tục hành chính – gọi đường dây nóng của xã",
    ],
  },
  {
    code: "1.13",
    title: "Cung cấp, sử dụng hiệu quả dịch vụ công trực tuyến",
    text: "Tuyên truyền, phổ biến sâu rộng nhằm nâng cao nhận thức và trách nhiệm của người đứng đầu, cán bộ, công chức, viên chức, các tổ chức, doanh nghiệp và Nhân dân trong việc cung cấp, sử dụng hiệu quả dịch vụ công trực tuyến; góp phần thúc đẩy chuyển đổi số quốc gia, thực hiện hiệu quả Đề án “Tuyên truyền, phổ biến, nâng cao chất lượng về cung cấp và sử dụng hiệu quả dịch vụ công trực tuyến đến năm 2025, định hướng đến năm 2030” theo Quyết định số 1588/QĐ-TTg ngày 17/12/2024 của Thủ tướng Chính phủ.",
    slogans: [
      "Mỗi người dân sử dụng thành thạo dịch vụ công trực tuyến",
      "Nộp hồ sơ trực tuyến – tiết kiệm thời gian, chi phí, công sức",
    ],
  },
  {
    code: "1.14",
    title: "Áp dụng TCVN ISO 9001:2015 và TCVN ISO 18091:2020",
    text: "Đẩy mạnh tuyên truyền thực hiện Hệ thống Quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO 9001:2015 trong hoạt động của các cơ quan, đơn vị và triển khai áp dụng tiêu chuẩn TCVN ISO 18091:2020 tại xã.",
    slogans: [
      "Áp dụng TCVN ISO 9001:2015 – công việc rõ quy trình, rõ trách nhiệm",
      "Quản lý chất lượng theo tiêu chuẩn – phục vụ người dân chuyên nghiệp",
    ],
  },
  {
    code: "1.15",
    title: "Hưởng ứng cuộc thi cải cách hành chính",
    text: "Đẩy mạnh công tác tuyên truyền, khuyến khích người dân và cán bộ, công chức, viên chức tích cực hưởng ứng cuộc thi cải cách hành chính và các cuộc thi trực tuyến khác do các sở, ngành thành phố tổ chức.",
    slogans: [
      "Tích cực hưởng ứng cuộc thi tìm hiểu cải cách hành chính",
      "Tham gia cuộc thi trực tuyến – hiểu đúng, làm đúng cải cách hành chính",
    ],
  },
];

export interface SeedTask {
  number: number;
  /** The task cell before its " - Nội dung:"/" - Mục đích:" detail. */
  title: string;
  text: string;
  leadText: string;
  leadUnitId: string;
  cooperatingText: string;
  cooperatingUnitIds: string[];
  timeText: string;
  /** Last day implied by timeText; null when the deadline depends on someone else. */
  dueDate: string | null;
  product: string;
}

export const TASKS: SeedTask[] = [
  {
    number: 1,
    title:
      "Tham mưu UBND xã xây dựng, ban hành và tổ chức thực hiện Kế hoạch tuyên truyền cải cách hành chính năm 2026 trên địa bàn xã",
    text: "Tham mưu UBND xã xây dựng, ban hành và tổ chức thực hiện Kế hoạch tuyên truyền cải cách hành chính năm 2026 trên địa bàn xã",
    leadText: "Phòng VH-XH",
    leadUnitId: "phong-vhxh",
    cooperatingText: "Các Phòng, Trung tâm thuộc UBND xã",
    cooperatingUnitIds: ["phong-trung-tam"],
    timeText: "Tháng 1/2026",
    dueDate: "2026-01-31",
    product: "Kế hoạch ban hành; văn bản triển khai",
  },
  {
    number: 2,
    title:
      "Tuyên truyền về công tác cải cách hành chính trên địa bàn xã năm 2026 trên cổng TTĐT xã, các trang mạng xã hội, đài truyền thanh xã, ...",
    text: "Tuyên truyền về công tác cải cách hành chính trên địa bàn xã năm 2026 trên cổng TTĐT xã, các trang mạng xã hội, đài truyền thanh xã, ... - Nội dung: Xây dựng tin, bài trên các chuyên trang, chuyên mục tuyên truyền về công tác Cải cách hành chính trên cổng TTĐT xã, các trang mạng xã hội, đài truyền thanh của xã; đổi mới, nâng cao chất lượng chuyên mục, chuyên trang cải cách hành chính bảo đảm tính tương tác, phản hồi ý kiến của người dân, doanh nghiệp, các cơ quan, tổ chức về công tác cải cách hành chính trên địa bàn xã.",
    leadText: "Trung tâm Dịch vụ sự nghiệp công",
    leadUnitId: "tt-dvsnc",
    cooperatingText: "Các Phòng, Trung tâm thuộc UBND xã, các cơ quan, đơn vị liên quan",
    cooperatingUnitIds: ["phong-trung-tam", "co-quan-lien-quan"],
    timeText: "Năm 2026",
    dueDate: "2026-12-31",
    product: "Chuyên mục, phóng sự, tin, bài, ảnh, số lượng người truy cập, tương tác, theo dõi chuyên mục",
  },
  {
    number: 3,
    title:
      "Tổ chức xây dựng các file âm thanh truyền thông đa phương tiện về cải cách hành chính, đăng tải trên hệ thống thông tin nguồn của xã và phục vụ công tác tuyên truyền trên hệ thống truyền thanh cơ sở.",
    text: "Tổ chức xây dựng các file âm thanh truyền thông đa phương tiện về cải cách hành chính, đăng tải trên hệ thống thông tin nguồn của xã và phục vụ công tác tuyên truyền trên hệ thống truyền thanh cơ sở. - Mục đích: Xây dựng các chuyên đề (tin, bài) tuyên truyền sâu rộng về các quan điểm, chủ trương của Đảng, chính sách pháp luật của Nhà nước về cải cách hành chính gắn với chuyển đổi số; công tác triển khai, kết quả đạt được; những tồn tại, hạn chế trong tổ chức thực hiện nhiệm vụ cải cách hành chính tại địa phương và trên địa bàn thành phố; thông tin biểu dương về mô hình, cơ chế đang được triển khai thí điểm, các điển hình tốt trong cải cách hành chính",
    leadText: "Trung tâm Dịch vụ sự nghiệp công",
    leadUnitId: "tt-dvsnc",
    cooperatingText: "Các Phòng, Trung tâm thuộc UBND xã, các cơ quan, đơn vị liên quan",
    cooperatingUnitIds: ["phong-trung-tam", "co-quan-lien-quan"],
    timeText: "Năm 2026",
    dueDate: "2026-12-31",
    product: "File âm thanh tuyên truyền",
  },
  {
    number: 4,
    title:
      "Tham gia cuộc thi phát thanh viên tuyên truyền về cải cách hành chính nhà nước gắn với chuyển đổi số thành phố Hải Phòng.",
    text: "Tham gia cuộc thi phát thanh viên tuyên truyền về cải cách hành chính nhà nước gắn với chuyển đổi số thành phố Hải Phòng.",
    leadText: "Trung tâm Dịch vụ sự nghiệp công",
    leadUnitId: "tt-dvsnc",
    cooperatingText: "Các Phòng, Trung tâm thuộc UBND xã",
    cooperatingUnitIds: ["phong-trung-tam"],
    timeText: "Khi Sở Văn hóa, Thể thao và Du lịch tổ chức",
    dueDate: null,
    product: "Văn bản cử CBCCVC của xã tham gia; Kết quả tham gia",
  },
];
