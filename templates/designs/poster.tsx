import type { Design, Template, TemplateContext } from "../types";
import { issuerOf } from "../brand";
import { Ground, Rect, starPath, textBlock, designKit, sloganFont } from "./parts";

const SERIF = "Noto Serif";
const SANS = "Be Vietnam Pro";

export const DEFAULT_BULLETS = [
  "Nộp hồ sơ trực tuyến tại dichvucong.gov.vn – mọi lúc, mọi nơi",
  "Thanh toán phí, lệ phí trực tuyến, không dùng tiền mặt",
  "Tra cứu tiến độ giải quyết hồ sơ bằng mã biên nhận",
  "Phản ánh, kiến nghị về thủ tục hành chính qua đường dây nóng",
];

/** Formal poster: red header band, serif headline, 3–5 key points, footer with the year's theme. */
export const poster: Template = {
  id: "ap-phich-trang-trong",
  name: "Áp phích trang trọng",
  description:
    "Đầu trang đỏ, tiêu đề chữ có chân, 3–5 ý chính, chân trang chủ đề năm — áp phích tại nhà văn hóa thôn, trụ sở.",
  kinds: ["poster", "screen"],
  // A headline with bullet points needs height: no layout for strip-shaped web banners.
  shapes: ["landscape", "square", "portrait", "tall"],
  contentItems: [],
  controls: {
    // `band`: header and footer bands, the headline, the bullet marks; `rule`: the gold rule, the
    // star and the footer's text; `emphasis`: the headline's `*…*` runs.
    palettes: [
      {
        id: "do-kem",
        name: "Đỏ – kem",
        colors: {
          band: "primary",
          rule: "gold",
          ground: "cream",
          ink: "ink",
          light: "white",
          emphasis: "navy",
        },
      },
      {
        id: "xanh-kem",
        name: "Xanh – kem",
        colors: {
          band: "navy",
          rule: "gold",
          ground: "cream",
          ink: "ink",
          light: "white",
          emphasis: "primary",
        },
      },
    ],
    fonts: [
      { id: "noto-serif", name: "Noto Serif – chữ có chân, trang trọng", family: SERIF, weight: 700 },
      { id: "be-vietnam-pro", name: "Be Vietnam Pro – chữ không chân", family: SANS, weight: 700 },
    ],
  },
  fonts: { [SERIF]: [700], [SANS]: [500, 600, 700] },
  design(ctx: TemplateContext): Design {
    const GROUND = ctx.colors.ground;
    const BAND = ctx.colors.band;
    const RULE = ctx.colors.rule;
    const INK = ctx.colors.ink;
    const LIGHT = ctx.colors.light;
    const font = sloganFont(ctx, { family: SERIF, weight: 700 });
    const { canvas, shape } = ctx;
    const s = canvas.safe;
    const t = canvas.trim;
    const minCap = canvas.minCapHeight;
    const { unit, overlays, texts, layers, fixed, add } = designKit(ctx);
    const horizontal = shape === "wide" || shape === "landscape";
    const bullets = (ctx.options.bullets?.length ? ctx.options.bullets : DEFAULT_BULLETS).slice(
      0,
      horizontal ? 3 : 5,
    );
    // Header band bleeds off the top edge.
    // Screens keep a wider safe margin than paper, so their header band is taller to hold the text.
    const bandH = t.height * (horizontal ? 0.17 : ctx.format.kind === "screen" ? 0.15 : 0.12);
    layers.push(<Rect box={{ x: 0, y: 0, width: canvas.width, height: t.y + bandH }} color={BAND} />);
    layers.push(
      <Rect box={{ x: 0, y: t.y + bandH, width: canvas.width, height: bandH * 0.06 }} color={RULE} />,
    );
    const headTop = Math.max(s.y, t.y + bandH * 0.12);
    const star = bandH * 0.5;
    overlays.push({
      d: starPath(s.x + star / 2, headTop + (t.y + bandH * 0.9 - headTop) / 2, star / 2),
      fill: RULE,
    });
    const headBox = {
      x: s.x + star * 1.3,
      y: headTop,
      width: s.width - star * 1.3,
      height: t.y + bandH * 0.9 - headTop,
    };
    add(
      textBlock({
        role: "secondary",
        label: "Dòng cơ quan",
        fixed: true,
        text: `${issuerOf(ctx.brand, ctx.options.issuer)}\nTuyên truyền cải cách hành chính năm ${ctx.brand.year}`,
        family: SANS,
        weight: 700,
        color: LIGHT,
        background: BAND,
        box: headBox,
        maxLines: 2,
        minCapHeight: minCap * 0.35,
        maxFontSize: headBox.height * 0.3,
        uppercase: true,
        align: "left",
        letterSpacingEm: 0.03,
        unit,
      }),
    );
    const footH = t.height * (horizontal ? 0.12 : 0.09);
    const footTop = t.y + t.height - footH;
    layers.push(
      <Rect box={{ x: 0, y: footTop, width: canvas.width, height: canvas.height - footTop }} color={BAND} />,
    );
    add(
      textBlock({
        role: "secondary",
        label: "Chân trang",
        fixed: true,
        text: ctx.options.footer ?? `Chủ đề năm ${ctx.brand.year}: ${ctx.brand.theme}`,
        family: SERIF,
        weight: 700,
        color: RULE,
        background: BAND,
        box: {
          x: s.x,
          y: footTop + footH * 0.12,
          width: s.width,
          height: Math.min(footH * 0.76, s.y + s.height - footTop - footH * 0.12),
        },
        maxLines: 2,
        minCapHeight: minCap * 0.35,
        maxFontSize: footH * 0.3,
        unit,
      }),
    );
    const body = {
      x: s.x,
      y: t.y + bandH * 1.25,
      width: s.width,
      height: footTop - (t.y + bandH * 1.25) - footH * 0.2,
    };
    const headlineH = body.height * (horizontal ? 0.42 : 0.4);
    add(
      textBlock({
        role: "primary",
        label: "Tiêu đề",
        text: ctx.text,
        family: font.family,
        weight: font.weight,
        color: BAND,
        emphasisColor: ctx.colors.emphasis,
        background: GROUND,
        box: { ...body, height: headlineH },
        maxLines: horizontal ? 3 : 5,
        minCapHeight: minCap,
        lineHeight: 1.22,
        uppercase: true,
        unit,
      }),
    );
    const listTop = body.y + headlineH + body.height * 0.04;
    const listH = body.y + body.height - listTop - (ctx.subtitle ? body.height * 0.1 : 0);
    const rowH = listH / bullets.length;
    const mark = Math.min(rowH * 0.16, s.width * 0.03);
    const bullet = (b: string, i: number, maxFontSize: number) =>
      textBlock({
        role: "secondary",
        label: `Ý chính ${i + 1}`,
        text: b,
        family: SANS,
        weight: 500,
        color: INK,
        background: GROUND,
        box: {
          x: s.x + mark * 2,
          y: listTop + i * rowH + rowH * 0.1,
          width: s.width - mark * 2,
          height: rowH * 0.8,
        },
        maxLines: 2,
        minCapHeight: minCap * 0.45,
        maxFontSize,
        align: "left",
        vAlign: "top",
        unit,
      });
    // One size for every point: the longest point sets it, so the list reads as a list.
    const common = Math.min(...bullets.map((b, i) => bullet(b, i, rowH * 0.34).placement.fontSize));
    bullets.forEach((b, i) => {
      layers.push(
        <Rect box={{ x: s.x, y: listTop + i * rowH + rowH * 0.3, width: mark, height: mark }} color={BAND} />,
      );
      add(bullet(b, i, common));
    });
    if (ctx.subtitle) {
      add(
        textBlock({
          role: "secondary",
          label: "Dòng phụ",
          text: ctx.subtitle,
          family: SANS,
          weight: 600,
          color: BAND,
          background: GROUND,
          box: { ...body, y: body.y + body.height - body.height * 0.09, height: body.height * 0.09 },
          maxLines: 1,
          minCapHeight: minCap * 0.4,
          unit,
        }),
      );
    }
    return {
      element: <Ground canvas={canvas} background={GROUND} layers={layers} />,
      overlays,
      texts,
      fixed,
    };
  },
};
