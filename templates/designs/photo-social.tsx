import type { Scrim } from "../photo/types";
import type { Box, Design, Template, TemplateContext } from "../types";
import { issuerOf } from "../brand";
import { Ground, Rect, designKit, type TextBlockSpec, textBlock } from "./parts";
import { focusInSlot, LogoImage, lockup, PhotoLayer, ScrimLayer, scrimOver, snugHeight } from "./photo-parts";

const SANS = "Be Vietnam Pro";
const DISPLAY = "Montserrat";

/**
 * Where the slogan's band runs, as fractions of the canvas height: from `top` to `bottom`. `alt` is
 * where it moves when the photo's subject would sit under it.
 */
interface BandPlan {
  top: number;
  bottom: number;
  alt: { top: number; bottom: number };
  maxLines: number;
}

/**
 * Each screen shape's own plan. Stories keep their band and chip off the top and bottom seventh,
 * where the platform draws its own bar and reply field; the other shapes run the band off the
 * bottom edge (or the top one, when the subject is low in the picture).
 */
function planFor(ctx: Pick<TemplateContext, "canvas" | "shape">): BandPlan & { story: boolean } {
  const { width, height } = ctx.canvas;
  if (width / height < 0.65) {
    return { story: true, top: 0.5, bottom: 0.8, alt: { top: 0.22, bottom: 0.5 }, maxLines: 5 };
  }
  if (ctx.shape === "portrait")
    return { story: false, top: 0.6, bottom: 1, alt: { top: 0, bottom: 0.4 }, maxLines: 4 };
  if (ctx.shape === "square")
    return { story: false, top: 0.56, bottom: 1, alt: { top: 0, bottom: 0.44 }, maxLines: 4 };
  return { story: false, top: 0.54, bottom: 1, alt: { top: 0, bottom: 0.46 }, maxLines: 3 };
}

/**
 * The least alpha of the band's scrim per palette variant, whatever the photo allows: a dark band
 * reads as a band from a third of its colour, but the brand's red at that strength turns a green
 * field brown, so a red band is laid nearly solid. The photo may ask for more (scrimFor).
 */
const BAND_FLOOR: Record<string, number> = { "dem-vang": 0.35, "do-vang": 0.85, "sang-do": 0.35 };

/** Social post: the photo full bleed, the slogan over it in a band with a computed scrim, the logo chip in a corner. */
export const photoSocial: Template = {
  id: "photo-social",
  name: "Ảnh và khẩu hiệu",
  description:
    "Ảnh tràn khung, khẩu hiệu trên dải nền mờ (độ mờ tính theo chính ảnh để chữ luôn đủ tương phản), logo và tên cơ quan ở góc — bài đăng Fanpage, Zalo OA, ảnh bìa video, màn hình LED.",
  kinds: ["screen"],
  // A 1920 × 400 strip leaves no room for a photo and a readable slogan over it.
  shapes: ["landscape", "square", "portrait"],
  contentItems: [],
  controls: {
    palettes: [
      {
        id: "dem-vang",
        name: "Xanh đêm – vàng",
        colors: {
          scrim: "night",
          ink: "white",
          emphasis: "accent",
          rule: "gold",
          chip: "white",
          chipInk: "primary",
        },
      },
      {
        id: "do-vang",
        name: "Đỏ – vàng",
        colors: {
          scrim: "primary",
          ink: "white",
          emphasis: "accent",
          rule: "accent",
          chip: "white",
          chipInk: "primary",
        },
      },
      {
        id: "sang-do",
        name: "Nền sáng – đỏ",
        colors: {
          scrim: "white",
          ink: "primary",
          emphasis: "navy",
          rule: "primary",
          chip: "primary",
          chipInk: "white",
        },
      },
    ],
    aligns: ["left", "center"],
    fonts: [
      { id: "be-vietnam-pro", name: "Be Vietnam Pro", family: SANS, weight: 800 },
      { id: "montserrat", name: "Montserrat", family: DISPLAY, weight: 800 },
    ],
  },
  photo: {
    label: "Ảnh nền",
    box: (ctx) => ({ x: 0, y: 0, width: ctx.canvas.width, height: ctx.canvas.height }),
    required: true,
  },
  fonts: { [SANS]: [500, 700, 800], [DISPLAY]: [800] },
  design(ctx: TemplateContext): Design {
    const c = ctx.colors;
    const { canvas } = ctx;
    const s = canvas.safe;
    const W = canvas.width;
    const H = canvas.height;
    const minCap = canvas.minCapHeight;
    const margin = s.x;
    const { unit, overlays, texts, layers, fixed, add } = designKit(ctx);
    const slot = photoSocial.photo!.box(ctx);
    layers.push(<PhotoLayer ctx={ctx} slot={slot} placeholder={c.scrim} />);

    const plan = planFor(ctx);
    const focus = focusInSlot(ctx);
    // The subject stays clear of the band: a low subject sends the band to the other end.
    const moved = focus !== null && focus.y > plan.top - 0.04 && focus.y < plan.bottom + 0.04;
    const span = moved ? plan.alt : plan;
    const atTop = span.top === 0;
    const atBottom = span.bottom === 1;
    // The block's room: the safe area at the canvas edges, a margin's worth inside the span elsewhere.
    const innerTop = atTop ? s.y : H * span.top + margin * 0.8;
    const innerBottom = atBottom ? s.y + s.height : H * span.bottom - margin * 0.8;
    const inner: Box = { x: s.x, y: innerTop, width: s.width, height: innerBottom - innerTop };

    // The corner chip: logo and issuer on a solid ground, over the photo where the band is not.
    const chipH = Math.min(W, H) * 0.085;
    const pad = chipH * 0.16;
    const chipY = plan.story ? H * 0.13 : atTop ? s.y + s.height - chipH : s.y;
    const chipRoom: Box = {
      x: s.x + pad,
      y: chipY + pad,
      width: s.width * (ctx.shape === "landscape" ? 0.6 : 0.8) - 2 * pad,
      height: chipH - 2 * pad,
    };
    const chip = lockup(ctx, chipRoom, chipRoom.height, {
      role: "secondary",
      label: "Dòng cơ quan",
      fixed: true,
      text: issuerOf(ctx.brand, ctx.options.issuer),
      family: SANS,
      weight: 700,
      color: c.chipInk,
      background: c.chip,
      maxLines: 1,
      minCapHeight: minCap * 0.3,
      maxFontSize: chipRoom.height * 0.62,
      uppercase: true,
      letterSpacingEm: 0.02,
      unit,
    });
    const chipBox: Box = {
      x: s.x,
      y: chipY,
      width: chip.bounds.width + 2 * pad,
      height: chipH,
    };

    // The slogan block, stacked from the band's outer edge: a short rule, the slogan, the subtitle.
    // The band (and its scrim) then covers what the block takes, so the rest of the photo shows.
    const align = ctx.align;
    const ruleH = Math.max(3, inner.height * 0.025);
    const ruleW = Math.min(W, H) * 0.12;
    const afterRule = ruleH * 3.5;
    const room = inner.height - ruleH - afterRule;
    const subMax = ctx.subtitle ? room * 0.2 : 0;
    const sloganSpec: TextBlockSpec = {
      role: "primary",
      label: "Khẩu hiệu",
      text: ctx.text,
      family: ctx.font?.family ?? SANS,
      weight: ctx.font?.weight ?? 800,
      color: c.ink,
      emphasisColor: c.emphasis,
      background: c.scrim,
      box: { x: inner.x, y: 0, width: inner.width, height: room - (subMax ? subMax * 1.2 : 0) },
      maxLines: plan.maxLines,
      minCapHeight: minCap,
      maxFontSize: Math.min(W, H) * 0.11,
      lineHeight: 1.18,
      uppercase: true,
      align,
      vAlign: "top",
      unit,
    };
    const subSpec: TextBlockSpec | null = ctx.subtitle
      ? {
          role: "secondary",
          label: "Dòng phụ",
          text: ctx.subtitle,
          family: SANS,
          weight: 500,
          color: c.ink,
          background: c.scrim,
          box: { x: inner.x, y: 0, width: inner.width, height: subMax },
          maxLines: 2,
          minCapHeight: minCap * 0.45,
          maxFontSize: subMax * 0.5,
          align,
          vAlign: "top",
          unit,
        }
      : null;
    const sloganH = snugHeight(sloganSpec);
    const subH = subSpec ? snugHeight(subSpec) : 0;
    const gap = subSpec ? ruleH * 1.5 : 0;
    const blockH = ruleH + afterRule + sloganH + gap + subH;
    // Anchored to the canvas edge the band runs off; a story's floating band keeps its block to the
    // side away from the subject (centred when there is no photo to look at).
    const floatTo = focus === null ? "middle" : focus.y < (span.top + span.bottom) / 2 ? "bottom" : "top";
    const blockTop =
      atBottom || (!atTop && floatTo === "bottom")
        ? inner.y + inner.height - blockH
        : atTop || floatTo === "top"
          ? inner.y
          : inner.y + (inner.height - blockH) / 2;
    const sloganBox: Box = { ...sloganSpec.box, y: blockTop + ruleH + afterRule, height: sloganH };
    const subBox: Box = { x: inner.x, y: sloganBox.y + sloganH + gap, width: inner.width, height: subH };
    const bandTop = atTop ? 0 : blockTop - margin * 0.8;
    const bandBottom = atBottom ? H : blockTop + blockH + margin * 0.8;
    const band: Box = { x: 0, y: bandTop, width: W, height: bandBottom - bandTop };

    const scrims: Scrim[] = [
      scrimOver(
        ctx,
        band,
        c.scrim,
        [
          { box: sloganBox, colors: [c.ink, c.emphasis] },
          ...(subSpec ? [{ box: subBox, colors: [c.ink] }] : []),
        ],
        BAND_FLOOR[ctx.options.palette ?? photoSocial.controls.palettes[0].id] ?? 0.35,
      ),
      // The chip is an opaque ground: as a scrim of alpha 1 the photo checks see the chip, not the photo.
      { box: chipBox, color: c.chip, alpha: 1 },
    ];
    layers.push(<ScrimLayer scrim={scrims[0]} />);
    layers.push(<Rect box={chipBox} color={c.chip} radius={chipH * 0.14} />);
    if (chip.logo && ctx.brand.logo) layers.push(<LogoImage logo={ctx.brand.logo} box={chip.logo} />);
    add(chip.text);
    const ruleX = align === "center" ? inner.x + (inner.width - ruleW) / 2 : inner.x;
    layers.push(<Rect box={{ x: ruleX, y: blockTop, width: ruleW, height: ruleH }} color={c.rule} />);
    add(textBlock({ ...sloganSpec, box: sloganBox }));
    if (subSpec) add(textBlock({ ...subSpec, box: subBox }));
    return {
      element: <Ground canvas={canvas} background={c.scrim} layers={layers} />,
      overlays,
      texts,
      fixed,
      photo: { slot, scrims },
    };
  },
};
