import type { Box, Design, Template, TemplateContext } from "../types";
import { Ground, Rect, designKit, type TextBlockSpec, textBlock } from "./parts";
import { issuerText, LogoImage, lockup, PhotoLayer, snugHeight, snugTextBlock } from "./photo-parts";

const SERIF = "Noto Serif";
const LORA = "Lora";
const SANS = "Be Vietnam Pro";

/** A portrait photo's proportions (width / height), as studio and ID portraits are taken. */
const PORTRAIT_ASPECT = 3 / 4;

/** The fixed frame of the page: bands, the kicker and the photo; what is left below is for the words. */
function frame(ctx: Pick<TemplateContext, "canvas" | "format">) {
  const { canvas } = ctx;
  const t = canvas.trim;
  const s = canvas.safe;
  const screen = ctx.format.kind === "screen";
  // The header holds its text inside the safe area: the band reaches as far below it as it needs.
  const headH = Math.max(t.height * 0.1, s.y - t.y + t.height * (screen ? 0.06 : 0.065));
  const headBottom = t.y + headH;
  const ruleH = t.height * 0.005;
  const footH = t.height * (screen ? 0.085 : 0.075);
  const footTop = t.y + t.height - footH;
  const kicker: Box = {
    x: s.x,
    y: headBottom + ruleH + t.height * 0.02,
    width: s.width,
    height: t.height * 0.04,
  };
  const bodyTop = kicker.y + kicker.height + t.height * 0.02;
  const bodyBottom = footTop - t.height * 0.02;
  const bodyH = bodyBottom - bodyTop;
  // The portrait takes just over half the body; what is below it holds the name and the slogan.
  const photoH = Math.min(bodyH * 0.56, (s.width * 0.78) / PORTRAIT_ASPECT);
  const photoW = photoH * PORTRAIT_ASPECT;
  const border = Math.max(t.width * 0.007, 1);
  const photo: Box = { x: s.x + (s.width - photoW) / 2, y: bodyTop + border, width: photoW, height: photoH };
  return { t, s, headBottom, ruleH, footTop, kicker, photo, border, bodyBottom };
}

/**
 * The name line and the role line of a subtitle written "Đồng chí Nguyễn Văn A — Công chức …" (an
 * em or en dash between spaces); the whole subtitle as the name when there is no such dash.
 */
export function nameAndRole(subtitle: string): { name: string; role?: string } {
  const m = /\s[—–]\s/.exec(subtitle);
  if (!m) return { name: subtitle };
  return { name: subtitle.slice(0, m.index).trim(), role: subtitle.slice(m.index + m[0].length).trim() };
}

/**
 * Honouring a model person or collective (item 1.7): header with the logo and issuer, a large
 * framed portrait, the name and role under it, the slogan on the solid ground below, the year's
 * theme in the footer. No text is set over the photo.
 */
export const photoHonour: Template = {
  id: "photo-honour",
  name: "Gương điển hình",
  description:
    "Đầu trang có logo và cơ quan, ảnh chân dung lớn có khung, tên và chức danh, khẩu hiệu trên nền trơn, chân trang chủ đề năm — biểu dương điển hình tiên tiến, cá nhân, tập thể được khen thưởng.",
  kinds: ["poster", "screen"],
  // A portrait needs a portrait page: A-series posters, the tall social posts.
  shapes: ["portrait"],
  contentItems: ["1.7"],
  controls: {
    palettes: [
      {
        id: "do-kem",
        name: "Đỏ – kem",
        colors: {
          band: "primary",
          rule: "gold",
          ground: "cream",
          title: "primary",
          emphasis: "navy",
          ink: "ink",
          light: "white",
          footInk: "gold",
        },
      },
      {
        id: "xanh-kem",
        name: "Xanh – kem",
        colors: {
          band: "navy",
          rule: "gold",
          ground: "cream",
          title: "navy",
          emphasis: "primary",
          ink: "ink",
          light: "white",
          footInk: "gold",
        },
      },
    ],
    fonts: [
      { id: "noto-serif", name: "Noto Serif", family: SERIF, weight: 700 },
      { id: "lora", name: "Lora", family: LORA, weight: 700 },
      { id: "be-vietnam-pro", name: "Be Vietnam Pro", family: SANS, weight: 800 },
    ],
  },
  photo: {
    label: "Ảnh chân dung",
    box: (ctx) => frame(ctx).photo,
    required: true,
  },
  fonts: { [SERIF]: [700], [LORA]: [700], [SANS]: [500, 700, 800] },
  design(ctx: TemplateContext): Design {
    const c = ctx.colors;
    const { canvas } = ctx;
    const minCap = canvas.minCapHeight;
    const { unit, overlays, texts, layers, fixed, add } = designKit(ctx);
    const { t, s, headBottom, ruleH, footTop, kicker, photo, border, bodyBottom } = frame(ctx);

    layers.push(<Rect box={{ x: 0, y: 0, width: canvas.width, height: headBottom }} color={c.band} />);
    layers.push(<Rect box={{ x: 0, y: headBottom, width: canvas.width, height: ruleH }} color={c.rule} />);
    const headRoom: Box = {
      x: s.x,
      y: s.y,
      width: s.width,
      height: headBottom - s.y - (headBottom - t.y) * 0.14,
    };
    const issuer = issuerText(ctx);
    const issuerLines = issuer.split("\n").length;
    const head = lockup(ctx, headRoom, headRoom.height, {
      role: "secondary",
      label: "Dòng cơ quan",
      fixed: true,
      text: issuer,
      family: SANS,
      weight: 700,
      color: c.light,
      background: c.band,
      maxLines: Math.max(2, issuerLines),
      minCapHeight: minCap * 0.35,
      // One line may be set larger than each of two.
      maxFontSize: headRoom.height * (issuerLines > 1 ? 0.3 : 0.4),
      uppercase: true,
      letterSpacingEm: 0.02,
      align: "center",
      unit,
    });
    if (head.logo && ctx.brand.logo) layers.push(<LogoImage logo={ctx.brand.logo} box={head.logo} />);
    add(head.text);

    // The kicker names what the page is, between two short rules.
    const kick = snugTextBlock({
      role: "secondary",
      label: "Tiêu đề trang",
      fixed: true,
      text: "Gương điển hình tiên tiến",
      family: SANS,
      weight: 800,
      color: c.title,
      background: c.ground,
      box: kicker,
      maxLines: 1,
      minCapHeight: minCap * 0.45,
      uppercase: true,
      letterSpacingEm: 0.08,
      align: "center",
      unit,
    });
    add(kick);
    const kb = kick.placement.box;
    const ruleLen = Math.min((s.width - kb.width) / 2 - kicker.height * 0.6, kicker.height * 2.2);
    if (ruleLen > kicker.height * 0.5) {
      const y = kicker.y + kicker.height / 2 - ruleH / 2;
      const g = kicker.height * 0.5;
      layers.push(<Rect box={{ x: kb.x - g - ruleLen, y, width: ruleLen, height: ruleH }} color={c.rule} />);
      layers.push(<Rect box={{ x: kb.x + kb.width + g, y, width: ruleLen, height: ruleH }} color={c.rule} />);
    }

    // The portrait, in a thin frame of the rule colour.
    layers.push(
      <Rect
        box={{
          x: photo.x - border,
          y: photo.y - border,
          width: photo.width + 2 * border,
          height: photo.height + 2 * border,
        }}
        color={c.rule}
      />,
    );
    layers.push(<PhotoLayer ctx={ctx} slot={photo} placeholder={c.band} />);

    // Under the portrait: the name and role (when given), then the slogan in what is left.
    let y = photo.y + photo.height + border + t.height * 0.02;
    if (ctx.subtitle) {
      const { name, role } = nameAndRole(ctx.subtitle);
      const nameSpec: TextBlockSpec = {
        role: "secondary",
        label: "Tên người được biểu dương",
        text: name,
        family: SANS,
        weight: 700,
        color: c.title,
        background: c.ground,
        box: { x: s.x, y, width: s.width, height: t.height * 0.04 },
        maxLines: 1,
        minCapHeight: minCap * 0.6,
        uppercase: true,
        unit,
      };
      const nameH = snugHeight(nameSpec);
      add(textBlock({ ...nameSpec, box: { ...nameSpec.box, height: nameH } }));
      y += nameH + t.height * 0.004;
      if (role) {
        const roleSpec: TextBlockSpec = {
          role: "secondary",
          label: "Chức danh, đơn vị",
          text: role,
          family: SANS,
          weight: 500,
          color: c.ink,
          background: c.ground,
          box: { x: s.x, y, width: s.width, height: t.height * 0.055 },
          maxLines: 2,
          minCapHeight: minCap * 0.45,
          maxFontSize: t.height * 0.018,
          unit,
        };
        const roleH = snugHeight(roleSpec);
        add(textBlock({ ...roleSpec, box: { ...roleSpec.box, height: roleH } }));
        y += roleH;
      }
      y += t.height * 0.015;
    }
    add(
      textBlock({
        role: "primary",
        label: "Khẩu hiệu",
        text: ctx.text,
        family: ctx.font?.family ?? SERIF,
        weight: ctx.font?.weight ?? 700,
        color: c.title,
        emphasisColor: c.emphasis,
        background: c.ground,
        box: { x: s.x, y, width: s.width, height: bodyBottom - y },
        maxLines: 4,
        minCapHeight: minCap,
        maxFontSize: t.height * 0.05,
        lineHeight: 1.22,
        uppercase: true,
        unit,
      }),
    );

    layers.push(
      <Rect
        box={{ x: 0, y: footTop, width: canvas.width, height: canvas.height - footTop }}
        color={c.band}
      />,
    );
    const footH = t.y + t.height - footTop;
    add(
      textBlock({
        role: "secondary",
        label: "Chân trang",
        fixed: true,
        text: ctx.options.footer ?? `Chủ đề năm ${ctx.brand.year}: ${ctx.brand.theme}`,
        family: SANS,
        weight: 700,
        color: c.footInk,
        background: c.band,
        box: {
          x: s.x,
          y: footTop + footH * 0.12,
          width: s.width,
          height: Math.min(footH * 0.76, s.y + s.height - footTop - footH * 0.12),
        },
        maxLines: 2,
        minCapHeight: minCap * 0.35,
        maxFontSize: footH * 0.28,
        unit,
      }),
    );
    return {
      element: <Ground canvas={canvas} background={c.ground} layers={layers} />,
      overlays,
      texts,
      fixed,
      // Nothing is set over the portrait: no scrim.
      photo: { slot: photo, scrims: [] },
    };
  },
};
