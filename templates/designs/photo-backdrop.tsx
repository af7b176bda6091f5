import type { Box, Design, Template, TemplateContext } from "../types";
import { Ground, Rect, designKit, textBlock } from "./parts";
import { issuerText, LogoImage, lockup, PhotoLayer } from "./photo-parts";

const SANS = "Be Vietnam Pro";
const DISPLAY = "Montserrat";
const CONDENSED = "Oswald";

/**
 * Share of the trim's width the photo panel takes, on the right: less on a format read from so far
 * that its title's least letter height is a large part of the height (a 3 × 6 m pano read from
 * 60 m), where the title needs the width to keep to three or four lines.
 */
function photoShare(canvas: TemplateContext["canvas"]): number {
  return canvas.minCapHeight / canvas.trim.height > 0.05 ? 0.32 : 0.4;
}

/**
 * The photo panel (running off the right, top and bottom edges into the bleed), the stripe that
 * divides it from the text, and the text column left of it inside the safe area.
 */
function frame(ctx: Pick<TemplateContext, "canvas">) {
  const { canvas } = ctx;
  const t = canvas.trim;
  const s = canvas.safe;
  const photoX = t.x + t.width * (1 - photoShare(canvas));
  const photo: Box = { x: photoX, y: 0, width: canvas.width - photoX, height: canvas.height };
  const stripeW = t.width * 0.01;
  const stripe: Box = { x: photoX - stripeW, y: 0, width: stripeW, height: canvas.height };
  const gap = s.x - t.x;
  const column: Box = { x: s.x, y: s.y, width: stripe.x - gap - s.x, height: s.height };
  return { photo, stripe, column };
}

/**
 * Stage backdrop (phông sân khấu) for a meeting, a contest or a ceremony: the logo large with the
 * issuer, the event's title and its date and place on a solid ground, the photo as a panel on the
 * right. No text is set over the photo.
 */
export const photoBackdrop: Template = {
  id: "photo-backdrop",
  name: "Phông sân khấu",
  description:
    "Logo lớn và cơ quan tổ chức, tên sự kiện chữ to, thời gian – địa điểm trên nền trơn, ảnh một bên — phông hội nghị, hội thi, lễ biểu dương (pano 3 × 6 m, phông 4 × 2 m).",
  kinds: ["banner"],
  // A backdrop is a wall behind a stage: landscape, not a road banner or a flag.
  shapes: ["landscape"],
  contentItems: ["1.15", "1.6", "1.7"],
  controls: {
    palettes: [
      {
        id: "do-vang",
        name: "Đỏ – vàng",
        colors: { ground: "primary", title: "accent", emphasis: "white", ink: "white", stripe: "gold" },
      },
      {
        id: "xanh-vang",
        name: "Xanh – vàng",
        colors: { ground: "navy", title: "accent", emphasis: "white", ink: "white", stripe: "gold" },
      },
    ],
    aligns: ["center", "left"],
    fonts: [
      { id: "be-vietnam-pro", name: "Be Vietnam Pro", family: SANS, weight: 800 },
      { id: "montserrat", name: "Montserrat", family: DISPLAY, weight: 800 },
      { id: "oswald", name: "Oswald (chữ hẹp)", family: CONDENSED, weight: 700 },
    ],
  },
  photo: {
    label: "Ảnh sự kiện",
    box: (ctx) => frame(ctx).photo,
    required: true,
  },
  fonts: { [SANS]: [600, 700, 800], [DISPLAY]: [800], [CONDENSED]: [700] },
  design(ctx: TemplateContext): Design {
    const c = ctx.colors;
    const { canvas } = ctx;
    const minCap = canvas.minCapHeight;
    const { unit, overlays, texts, layers, fixed, add } = designKit(ctx);
    const { photo, stripe, column } = frame(ctx);
    const align = ctx.align;

    layers.push(<PhotoLayer ctx={ctx} slot={photo} placeholder={c.stripe} />);
    layers.push(<Rect box={stripe} color={c.stripe} />);

    const headH = column.height * 0.2;
    const issuer = issuerText(ctx);
    const head = lockup(ctx, { ...column, height: headH }, headH, {
      role: "secondary",
      label: "Dòng cơ quan",
      fixed: true,
      text: issuer,
      family: SANS,
      weight: 700,
      color: c.ink,
      background: c.ground,
      maxLines: Math.max(2, issuer.split("\n").length),
      minCapHeight: minCap * 0.35,
      maxFontSize: headH * 0.3,
      uppercase: true,
      letterSpacingEm: 0.02,
      align,
      unit,
    });
    if (head.logo && ctx.brand.logo) layers.push(<LogoImage logo={ctx.brand.logo} box={head.logo} />);
    add(head.text);

    const ruleH = Math.max(column.height * 0.012, 1);
    const ruleW = column.width * 0.18;
    const ruleY = column.y + headH + column.height * 0.04;
    layers.push(
      <Rect
        box={{
          x: align === "center" ? column.x + (column.width - ruleW) / 2 : column.x,
          y: ruleY,
          width: ruleW,
          height: ruleH,
        }}
        color={c.stripe}
      />,
    );
    const subH = ctx.subtitle ? column.height * 0.13 : 0;
    const titleTop = ruleY + ruleH + column.height * 0.03;
    const titleBox: Box = {
      ...column,
      y: titleTop,
      height: column.y + column.height - titleTop - (subH ? subH * 1.15 : 0),
    };
    add(
      textBlock({
        role: "primary",
        label: "Tên sự kiện",
        text: ctx.text,
        family: ctx.font?.family ?? SANS,
        weight: ctx.font?.weight ?? 800,
        color: c.title,
        emphasisColor: c.emphasis,
        background: c.ground,
        box: titleBox,
        maxLines: 4,
        minCapHeight: minCap,
        lineHeight: 1.18,
        uppercase: true,
        align,
        unit,
      }),
    );
    if (ctx.subtitle) {
      add(
        textBlock({
          role: "secondary",
          label: "Thời gian, địa điểm",
          text: ctx.subtitle,
          family: SANS,
          weight: 600,
          color: c.ink,
          background: c.ground,
          box: { ...column, y: column.y + column.height - subH, height: subH },
          maxLines: 2,
          // Read up close as well as from the back of the hall: the title carries the distance.
          minCapHeight: minCap * 0.3,
          maxFontSize: subH * 0.4,
          align,
          unit,
        }),
      );
    }
    return {
      element: <Ground canvas={canvas} background={c.ground} layers={layers} />,
      overlays,
      texts,
      fixed,
      // The photo has its own panel: no text over it, no scrim.
      photo: { slot: photo, scrims: [] },
    };
  },
};
