import type { PlanReport, ReportCounts } from "../../templates/documents/report-data";
import { formatPlainDateVi } from "../lib/format";
import { ItemTargetsProgress, RoadFacts } from "./report-progress";

// The plan report's tables on screen (/report): the same sections as the exports. On a phone each
// row becomes a card whose cells carry their own labels (app/styles/report.css).

function DesignCounts({ c }: { c: ReportCounts }) {
  if (c.made + c.approved + c.published === 0) return <span className="muted">Chưa có</span>;
  return (
    <ul className="rp-facts">
      <li>Đã tạo {c.made}</li>
      <li>Đã phê duyệt {c.approved}</li>
      <li>Đã phát hành {c.published}</li>
    </ul>
  );
}

function Overdue({ n }: { n: number }) {
  return <span className={n > 0 ? "overdue-count hot" : "muted"}>{n}</span>;
}

/** Per content item: targets against results, designs, the road, overdue; a totals row. */
export function ReportItemTable({ report }: { report: PlanReport }) {
  const rows = [
    ...report.perItem,
    { ...report.itemTotals, code: "", title: "Tổng cộng", contentItemId: "total" },
  ];
  return (
    <div className="table-wrap rp-wrap">
      <table className="rp-table" data-testid="report-items">
        <thead>
          <tr>
            <th scope="col">Mục</th>
            <th scope="col">Nội dung tuyên truyền</th>
            <th scope="col">Chỉ tiêu và kết quả</th>
            <th scope="col">Ấn phẩm</th>
            <th scope="col">In, treo, đăng</th>
            <th scope="col" className="num">
              Quá hạn
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.contentItemId ?? "none"} data-item={r.code || "total"}>
              <th scope="row" className="code">
                {r.code}
              </th>
              <td className="rp-wide">
                {r.contentItemId === "total" ? <strong>{r.title}</strong> : r.title}
              </td>
              <td className="rp-wide" data-label="Đã phát hành, đã đăng / chỉ tiêu">
                <ItemTargetsProgress
                  targets={r.targets}
                  done={{
                    banners: r.byKind.banner.published,
                    posters: r.byKind.poster.published,
                    posts: r.posted,
                  }}
                />
              </td>
              <CountCells c={r} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The cells every report row ends with: designs by state, print/install/post facts, overdue. */
function CountCells({ c }: { c: ReportCounts }) {
  return (
    <>
      <td data-label="Ấn phẩm">
        <DesignCounts c={c} />
      </td>
      <td data-label="In, treo, đăng">
        <RoadFacts c={c} />
      </td>
      <td className="num" data-label="Quá hạn">
        <Overdue n={c.overdue} />
      </td>
    </>
  );
}

/** Per task of the closing table: its words, then the counts of the designs tied to it. */
export function ReportTaskTable({ report }: { report: PlanReport }) {
  return (
    <div className="table-wrap rp-wrap">
      <table className="rp-table" data-testid="report-tasks">
        <thead>
          <tr>
            <th scope="col">TT</th>
            <th scope="col">Nhiệm vụ</th>
            <th scope="col">Cơ quan chủ trì</th>
            <th scope="col">Thời gian</th>
            <th scope="col">Sản phẩm</th>
            <th scope="col">Ấn phẩm</th>
            <th scope="col">In, treo, đăng</th>
            <th scope="col" className="num">
              Quá hạn
            </th>
          </tr>
        </thead>
        <tbody>
          {report.perTask.map((t) => (
            <tr key={t.number} data-task={t.number}>
              <th scope="row">{t.number}</th>
              <td className="rp-wide">{t.title}</td>
              <td data-label="Cơ quan chủ trì">{t.leadText}</td>
              <td data-label="Thời gian">{t.timeText}</td>
              <td className="rp-wide" data-label="Sản phẩm">
                {t.product}
              </td>
              <CountCells c={t} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The three lists: posts made, installations, overdue designs ("Không có" when empty). */
export function ReportLists({ report }: { report: PlanReport }) {
  return (
    <>
      <section aria-labelledby="rp-posts-h">
        <h2 id="rp-posts-h">Bài đã đăng ({report.socialPosts.length})</h2>
        {report.socialPosts.length === 0 ? (
          <p className="muted">Không có bài đăng nào trong kỳ.</p>
        ) : (
          <div className="table-wrap rp-wrap">
            <table className="rp-table" data-testid="report-posts">
              <thead>
                <tr>
                  <th scope="col">Ấn phẩm</th>
                  <th scope="col">Kênh</th>
                  <th scope="col">Ngày đăng</th>
                  <th scope="col">Địa chỉ bài đăng</th>
                </tr>
              </thead>
              <tbody>
                {report.socialPosts.map((p) => (
                  <tr key={`${p.assetCode}|${p.url}|${p.channelLabel}`}>
                    <td className="rp-wide">
                      <strong>{p.assetCode}</strong> {p.assetTitle}
                    </td>
                    <td data-label="Kênh">{p.channelLabel}</td>
                    <td data-label="Ngày đăng">{formatPlainDateVi(p.postedOn)}</td>
                    <td className="rp-wide rp-url" data-label="Địa chỉ">
                      <a href={p.url} rel="noopener noreferrer" target="_blank">
                        {p.url}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="rp-inst-h">
        <h2 id="rp-inst-h">Treo/đặt tại các vị trí ({report.installations.length})</h2>
        {report.installations.length === 0 ? (
          <p className="muted">Không có ấn phẩm nào được treo/đặt hay tháo trong kỳ.</p>
        ) : (
          <div className="table-wrap rp-wrap">
            <table className="rp-table" data-testid="report-installations">
              <thead>
                <tr>
                  <th scope="col">Ấn phẩm</th>
                  <th scope="col">Vị trí</th>
                  <th scope="col">Ngày treo/đặt</th>
                  <th scope="col">Ngày tháo</th>
                  <th scope="col" className="num">
                    Ảnh
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.installations.map((i) => (
                  <tr key={`${i.assetCode}|${i.placeName}|${i.installedOn}`}>
                    <td className="rp-wide">
                      <strong>{i.assetCode}</strong> {i.assetTitle}
                    </td>
                    <td className="rp-wide" data-label="Vị trí">
                      {i.placeName} <span className="muted">· {i.placeKindLabel}</span>
                    </td>
                    <td data-label="Ngày treo/đặt">{formatPlainDateVi(i.installedOn)}</td>
                    <td data-label="Ngày tháo">
                      {i.removedOn ? formatPlainDateVi(i.removedOn) : "Đang treo"}
                    </td>
                    <td className="num" data-label="Ảnh nghiệm thu">
                      {i.photoId ? (
                        <a href={`/photos/${i.photoId}`} className="rp-photo">
                          <img
                            src={`/photos/${i.photoId}?w=400`}
                            alt={`Ảnh nghiệm thu ${i.assetCode} tại ${i.placeName}`}
                            width={120}
                            loading="lazy"
                          />
                          <span>{i.photos} ảnh</span>
                        </a>
                      ) : (
                        i.photos
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="rp-late-h">
        <h2 id="rp-late-h">Ấn phẩm quá hạn ({report.overdue.length})</h2>
        {report.overdue.length === 0 ? (
          <p className="muted">Không có ấn phẩm nào quá hạn.</p>
        ) : (
          <div className="table-wrap rp-wrap">
            <table className="rp-table" data-testid="report-overdue">
              <thead>
                <tr>
                  <th scope="col">Ấn phẩm</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Cần hoàn thành trước</th>
                </tr>
              </thead>
              <tbody>
                {report.overdue.map((o) => (
                  <tr key={o.assetCode}>
                    <td className="rp-wide">
                      <strong>{o.assetCode}</strong> {o.assetTitle}
                    </td>
                    <td data-label="Trạng thái">{o.stateLabel}</td>
                    <td data-label="Hạn">
                      <span className="overdue-count hot">{formatPlainDateVi(o.dueOn)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
