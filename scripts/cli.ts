// `npm run cli -- <command>`: the render engine and the plan from a terminal, for designers
// batch-producing files and for scripts. Errors print one line on stderr and exit non-zero.
import { auditCommand } from "./cli/audit";
import { publishCommand } from "./cli/publish";
import { planCommand } from "./cli/plan";
import { renderCommand } from "./cli/render";
import { bulkCommand } from "./cli/bulk";
import { formatsCommand, templatesCommand } from "./cli/catalog";
import { minuteCommand } from "./cli/minute";
import { describeError } from "./cli/output";
import { reportCommand } from "./cli/report";

const USAGE = `Cổ động — dòng lệnh
  templates [--json]                       danh sách mẫu thiết kế
  formats [--json]                         danh mục khổ
  render --template ID --format ID --text "…" [--subtitle "…"] [--photo FILE [--focus x,y]] --out FILE.svg|png|pdf
  bulk FILE.csv --out DIR                  cột: content_item, slogan, template, format
  plan --json                              kế hoạch, nội dung, khẩu hiệu, số ấn phẩm theo trạng thái
  audit verify [--json]                    kiểm tra nhật ký kiểm toán; lỗi: nêu bản ghi đầu tiên bị sửa
  publish status|retry CODE [--json]       file in đã lên kho lưu trữ chưa; đưa lại lượt lưu đã dừng
  minute CODE --out FILE.pdf [--version N] phiếu duyệt ấn phẩm (PDF A4; ký số khi có SIGNING_P12_*)
  report --out FILE.xlsx|FILE.docx [--from dd/mm/yyyy] [--to dd/mm/yyyy]
                                           báo cáo kết quả thực hiện kế hoạch`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  templates: templatesCommand,
  formats: formatsCommand,
  render: renderCommand,
  bulk: bulkCommand,
  plan: planCommand,
  audit: auditCommand,
  publish: publishCommand,
  minute: minuteCommand,
  report: reportCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    console.error(`UNKNOWN_COMMAND: lệnh "${name}" không tồn tại.\n${USAGE}`);
    return 2;
  }
  return cmd(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(describeError(e));
    process.exitCode = 1;
  },
);
