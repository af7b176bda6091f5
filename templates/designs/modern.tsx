import { issuerOf } from "../brand";
import { qrSvgPath } from "../render/qr";
import type { Box, Design, Template, TemplateContext } from "../types";
import { Ground, Rect, rectPath, textBlock, designKit, sloganAlign, sloganFont } from "./parts";

const SANS = "Be Vietnam Pro";
const DISPLAY = "Montserrat";

/** Modern administrative: light ground, commune header, QR code to online public services, hotline. */
export const modern: Template = {
  id: "hanh-chinh-hien-dai",
  name: "Hành chính hiện đại",
  description:
    "Nền sáng, tiêu đề cơ quan, mã QR tới dịch vụ công trực tuyến và đường dây nóng — cho nội dung 1.12 tại trụ sở, bộ phận một cửa.",
  kinds: ["banner", "poster", "screen"],
  contentItems: ["1.12", "1.13", "1.8"],
  controls: {
    // `band`: the letterhead band and the slogan; `accent`: the issuer line and the thin rules;
    // `light`: the QR code's ground; `emphasis`: the slogan's `*…*` runs.
    palettes: [
      {
        id: "xanh-do",
        name: "Xanh – đỏ",
        colors: {
          band: "navy",
          accent: "primary",
          ground: "paper",
          ink: "ink",
          light: "white",
          emphasis: "primary",
        },
      },
      {
        id: "do-xanh",
        name: "Đỏ – xanh",
        colors: {
          band: "primary",
          accent: "navy",
          ground: "cream",
          ink: "ink",
          light: "white",
          emphasis: "navy",
        },
      },
    ],
    aligns: ["center", "left"],
    fonts: [
      { id: "be-vietnam-pro", name: "Be Vietnam Pro", family: SANS, weight: 800 },
      { id: "montserrat", name: "Montserrat – chữ tròn, hiện đại", family: DISPLAY, weight: 800 },
    ],
  },
  fonts: { [SANS]: [600, 700, 800], [DISPLAY]: [800] },
  design(ctx: TemplateContext): Design {
    // The slogan, the issuer line and the hotline share one alignment: the text column reads as one.
    const align = sloganAlign(ctx, "center");
    const font = sloganFont(ctx, { family: SANS, weight: 800 });
    const GROUND = ctx.colors.ground;
    const BAND = ctx.colors.band;
    const ACCENT = ctx.colors.accent;
    const INK = ctx.colors.ink;
    const LIGHT = ctx.colors.light;
    const { canvas, shape } = ctx;
    const s = canvas.safe;
    const minCap = canvas.minCapHeight;
    const { unit, overlays, texts, layers, fixed, add } = designKit(ctx);
    const qrUrl = ctx.options.qrUrl ?? ctx.brand.publicServiceUrl;
    const hotline = ctx.options.hotline ?? ctx.brand.hotline;
    const issuer = issuerOf(ctx.brand, ctx.options.issuer);
    // A red/navy band runs along the top edge of the trim, like the commune's letterhead.
    const bandH = Math.max(canvas.trim.height * (shape === "wide" ? 0.03 : 0.025), 2);
    layers.push(
      <Rect box={{ x: 0, y: 0, width: canvas.width, height: canvas.trim.y + bandH }} color={BAND} />,
    );
    layers.push(
      <Rect
        box={{ x: 0, y: canvas.trim.y + bandH, width: canvas.width, height: bandH * 0.35 }}
        color={ACCENT}
      />,
    );
    const horizontal = shape === "wide" || shape === "landscape";
    const qrSide = horizontal
      ? Math.min(s.height * (shape === "wide" ? 0.66 : 0.34), s.width * 0.24)
      : Math.min(s.width * 0.36, s.height * 0.2);
    const capH = qrSide * 0.12;
    let qrBox: Box;
    let textArea: Box;
    if (horizontal) {
      qrBox = {
        x: s.x + s.width - qrSide,
        y: s.y + (s.height - qrSide - capH * 1.2) / 2 + bandH * 0.5,
        width: qrSide,
        height: qrSide,
      };
      textArea = { x: s.x, y: s.y + bandH, width: s.width - qrSide * 1.15, height: s.height - bandH };
    } else {
      qrBox = {
        x: s.x + (s.width - qrSide) / 2,
        y: s.y + s.height - qrSide - capH * 1.3,
        width: qrSide,
        height: qrSide,
      };
      textArea = { x: s.x, y: s.y + bandH, width: s.width, height: qrBox.y - s.y - bandH - capH };
    }
    const qr = qrSvgPath(qrUrl, qrSide);
    layers.push(<Rect box={qrBox} color={LIGHT} />);
    overlays.push({ d: qr.d, fill: INK, at: { x: qrBox.x, y: qrBox.y } });
    add(
      textBlock({
        role: "secondary",
        label: "Chú thích mã QR",
        fixed: true,
        text: "Quét mã: dịch vụ công trực tuyến",
        family: SANS,
        weight: 600,
        color: BAND,
        background: GROUND,
        box: {
          x: Math.max(s.x, Math.min(qrBox.x - qrSide * 0.1, s.x + s.width - qrSide * 1.2)),
          y: qrBox.y + qrSide + capH * 0.2,
          width: qrSide * 1.2,
          height: capH,
        },
        maxLines: 1,
        minCapHeight: minCap * 0.15,
        maxFontSize: capH * 0.8,
        unit,
      }),
    );
    const headH = textArea.height * (shape === "wide" ? 0.12 : horizontal ? 0.11 : 0.09);
    add(
      textBlock({
        role: "secondary",
        label: "Dòng cơ quan",
        fixed: true,
        text: issuer,
        family: SANS,
        weight: 700,
        color: ACCENT,
        background: GROUND,
        box: { ...textArea, height: headH },
        maxLines: 1,
        minCapHeight: minCap * 0.3,
        maxFontSize: headH * 0.75,
        uppercase: true,
        letterSpacingEm: 0.05,
        align,
        unit,
      }),
    );
    const hotH = textArea.height * (shape === "wide" ? 0.11 : horizontal ? 0.11 : 0.07);
    const sloganBox = {
      ...textArea,
      y: textArea.y + headH * 1.2,
      height: textArea.height - headH * 1.2 - hotH * 1.5,
    };
    add(
      textBlock({
        role: "primary",
        label: "Khẩu hiệu",
        text: ctx.text,
        family: font.family,
        weight: font.weight,
        color: BAND,
        emphasisColor: ctx.colors.emphasis,
        background: GROUND,
        align,
        box: sloganBox,
        maxLines: shape === "wide" ? 2 : shape === "tall" ? 8 : 6,
        minCapHeight: minCap,
        lineHeight: 1.2,
        uppercase: true,
        unit,
      }),
    );
    const hotBox = { ...textArea, y: textArea.y + textArea.height - hotH, height: hotH };
    overlays.push({
      d: rectPath({
        x: align === "left" ? hotBox.x : hotBox.x + hotBox.width * 0.3,
        y: hotBox.y - hotH * 0.2,
        width: hotBox.width * 0.4,
        height: Math.max(hotH * 0.04, 0.5),
      }),
      fill: ACCENT,
    });
    add(
      textBlock({
        role: "secondary",
        label: "Đường dây nóng",
        fixed: !ctx.subtitle,
        text: ctx.subtitle ?? hotline,
        family: SANS,
        weight: 600,
        color: INK,
        background: GROUND,
        box: hotBox,
        maxLines: 1,
        minCapHeight: minCap * 0.25,
        maxFontSize: hotH * 0.7,
        align,
        unit,
      }),
    );
    return {
      element: <Ground canvas={canvas} background={GROUND} layers={layers} />,
      overlays,
      texts,
      fixed,
    };
  },
};
