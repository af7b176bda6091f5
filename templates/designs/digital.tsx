import { qrSvgPath } from "../render/qr";
import type { Design, Overlay, Template, TemplateContext } from "../types";
import { issuerOf } from "../brand";
import { Ground, Rect, rectPath, textBlock, designKit, sloganAlign, sloganFont } from "./parts";

const SANS = "Be Vietnam Pro";
const DISPLAY = "Montserrat";

/** Circuit-like node lines: a quiet, vector texture that reads as "digital" without photos. */
function circuit(x: number, y: number, w: number, h: number, n: number, color: string): Overlay[] {
  const out: Overlay[] = [];
  const t = Math.max(Math.min(w, h) * 0.006, 0.4);
  for (let i = 0; i < n; i++) {
    const yy = y + (h * (i + 0.5)) / n;
    const len = w * (0.35 + (0.5 * ((i * 37) % 10)) / 10);
    out.push({ d: rectPath({ x, y: yy - t / 2, width: len, height: t }), fill: color });
    const r = t * 3;
    const cx = x + len + r;
    out.push({
      d: `M${(cx - r).toFixed(2)} ${yy.toFixed(2)} L${cx.toFixed(2)} ${(yy - r).toFixed(2)} L${(cx + r).toFixed(2)} ${yy.toFixed(2)} L${cx.toFixed(2)} ${(yy + r).toFixed(2)} Z`,
      fill: color,
    });
  }
  return out;
}

/** Digital government: deep blue, cyan circuit accents, for content items 1.10–1.13. */
export const digital: Template = {
  id: "chinh-quyen-so",
  name: "Chính quyền số",
  description:
    "Nền xanh đậm, đường mạch xanh lơ, chữ trắng — cho nội dung 1.10–1.13 về chính quyền số, chuyển đổi số, dịch vụ công trực tuyến.",
  kinds: ["banner", "poster", "screen"],
  contentItems: ["1.10", "1.11", "1.12", "1.13"],
  controls: {
    // `accent`: the circuit lines and the kicker; `ink`: the slogan and the QR code's ground (the
    // code itself is drawn in `ground`); `emphasis`: the slogan's `*…*` runs.
    palettes: [
      {
        id: "xanh-dem",
        name: "Xanh đêm",
        colors: { ground: "night", accent: "sky", ink: "white", emphasis: "sky" },
      },
      {
        id: "xanh-vang",
        name: "Xanh – vàng",
        colors: { ground: "navy", accent: "gold", ink: "white", emphasis: "accent" },
      },
    ],
    aligns: ["center", "left"],
    fonts: [
      { id: "montserrat", name: "Montserrat – chữ tròn, hiện đại", family: DISPLAY, weight: 800 },
      { id: "be-vietnam-pro", name: "Be Vietnam Pro", family: SANS, weight: 800 },
    ],
  },
  fonts: { [SANS]: [500, 600, 800], [DISPLAY]: [800] },
  design(ctx: TemplateContext): Design {
    const GROUND = ctx.colors.ground;
    const ACCENT = ctx.colors.accent;
    const INK = ctx.colors.ink;
    const { canvas, shape } = ctx;
    // Wide banners read from the left, after the circuit strip; every other shape centres. The
    // kicker, slogan and subtitle share one alignment.
    const align = sloganAlign(ctx, shape === "wide" ? "left" : "center");
    const font = sloganFont(ctx, { family: DISPLAY, weight: 800 });
    const s = canvas.safe;
    const minCap = canvas.minCapHeight;
    const { unit, overlays, texts, layers, fixed, add } = designKit(ctx);
    const horizontal = shape === "wide" || shape === "landscape";
    // Texture lives outside the text area: a left strip on wide layouts, a top strip otherwise.
    let area = s;
    if (shape === "wide") {
      const strip = Math.min(s.height * 1.4, s.width * 0.16);
      overlays.push(...circuit(canvas.trim.x, s.y, strip, s.height, 5, ACCENT));
      area = { ...s, x: s.x + strip * 1.05, width: s.width - strip * 1.05 };
    } else {
      const strip = s.height * (horizontal ? 0.16 : 0.12);
      overlays.push(...circuit(canvas.trim.x, s.y, s.width * 0.55, strip, 3, ACCENT));
      area = { ...s, y: s.y + strip * 1.1, height: s.height - strip * 1.1 };
    }
    // A QR code is for reading up close: posters and screens, not road banners.
    const showQr = ctx.format.kind !== "banner";
    const qrRight = showQr && horizontal;
    const kickerH = area.height * (shape === "wide" ? 0.2 : 0.08);
    add(
      textBlock({
        role: "secondary",
        label: "Dòng chủ đề",
        fixed: true,
        text: `Chính quyền số · ${issuerOf(ctx.brand, ctx.options.issuer)}`,
        family: SANS,
        weight: 600,
        color: ACCENT,
        background: GROUND,
        box: { ...area, height: kickerH },
        maxLines: 1,
        minCapHeight: minCap * 0.3,
        maxFontSize: kickerH * 0.75,
        uppercase: true,
        letterSpacingEm: 0.08,
        align,
        unit,
      }),
    );
    const qrSide = showQr
      ? Math.min(area.width * (horizontal ? 0.2 : 0.3), area.height * (qrRight ? 0.45 : 0.22))
      : 0;
    const footH = ctx.subtitle ? area.height * (shape === "wide" ? 0.18 : 0.08) : 0;
    const textW = qrRight ? area.width - qrSide * 1.2 : area.width;
    const sloganBox = {
      x: area.x,
      y: area.y + kickerH * 1.2,
      width: textW,
      height: area.height - kickerH * 1.2 - footH * 1.2 - (showQr && !qrRight ? qrSide * 1.25 : 0),
    };
    add(
      textBlock({
        role: "primary",
        label: "Khẩu hiệu",
        text: ctx.text,
        family: font.family,
        weight: font.weight,
        color: INK,
        emphasisColor: ctx.colors.emphasis,
        background: GROUND,
        box: sloganBox,
        maxLines: shape === "wide" ? 2 : shape === "tall" ? 9 : 5,
        minCapHeight: minCap,
        lineHeight: 1.2,
        uppercase: true,
        align,
        unit,
      }),
    );
    if (ctx.subtitle) {
      add(
        textBlock({
          role: "secondary",
          label: "Dòng phụ",
          text: ctx.subtitle,
          family: SANS,
          weight: 500,
          color: INK,
          background: GROUND,
          box: { ...area, width: textW, y: sloganBox.y + sloganBox.height + footH * 0.2, height: footH },
          maxLines: 2,
          minCapHeight: minCap * 0.4,
          maxFontSize: footH * 0.45,
          align,
          unit,
        }),
      );
    }
    if (showQr) {
      const qr = qrSvgPath(ctx.options.qrUrl ?? ctx.brand.publicServiceUrl, qrSide);
      const qx = qrRight ? area.x + area.width - qrSide : area.x + (area.width - qrSide) / 2;
      const qy = area.y + area.height - qrSide;
      layers.push(
        <Rect box={{ x: qx, y: qy, width: qrSide, height: qrSide }} color={INK} radius={qrSide * 0.04} />,
      );
      overlays.push({ d: qr.d, fill: GROUND, at: { x: qx, y: qy } });
    }
    return {
      element: <Ground canvas={canvas} background={GROUND} layers={layers} />,
      overlays,
      texts,
      fixed,
    };
  },
};
