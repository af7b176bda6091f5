import { Link, useLocation } from "@remix-run/react";

/** `search` (the current query string) with `page` set to `n`; every filter kept. */
function pageHref(search: string, n: number): string {
  const p = new URLSearchParams(search);
  p.set("page", String(n));
  return `/assets?${p.toString()}`;
}

/** The pages around the current one (first, last, ±2), with gaps as null. */
function window(page: number, pages: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 2) out.push(n);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

/** "Trang 2/5 — 87 ấn phẩm" and links to the other pages, keeping the filters of the URL. */
export function AssetListPager({ page, pages, total }: { page: number; pages: number; total: number }) {
  const { search } = useLocation();
  return (
    <nav className="al-pager" aria-label="Phân trang">
      <span className="al-count" data-testid="asset-count">
        Trang {page}/{pages} — {total} ấn phẩm
      </span>
      {pages > 1 && (
        <ul>
          {page > 1 && (
            <li>
              <Link to={pageHref(search, page - 1)} rel="prev" className="btn small">
                ‹ Trước
              </Link>
            </li>
          )}
          {window(page, pages).map((n, i) =>
            n === null ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity of their own
              <li key={`gap-${i}`} aria-hidden="true">
                …
              </li>
            ) : (
              <li key={n}>
                {n === page ? (
                  <span className="btn small al-current" aria-current="page">
                    {n}
                  </span>
                ) : (
                  <Link to={pageHref(search, n)} className="btn small">
                    {n}
                  </Link>
                )}
              </li>
            ),
          )}
          {page < pages && (
            <li>
              <Link to={pageHref(search, page + 1)} rel="next" className="btn small">
                Sau ›
              </Link>
            </li>
          )}
        </ul>
      )}
    </nav>
  );
}
