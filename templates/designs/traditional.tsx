import type { Template, TemplateContext, Design, Box } from "../types";
import { issuerOf } from "../brand";
import { Ground, unitOf, rectPath, starPath, textBlock, designKit, sloganFont } from "./parts";

const SANS = "Be Vietnam Pro";
const CONDENSED = "Oswald";

/**
 * Traditional agitation banner: red ground, yellow bold capitals, the star, the issuing body (or
 * its navy-and-white variant); centred only.
 */
export const traditional: Template = {
  id: "co-dong-truyen-thong",
  name: "Cổ động truyền thống",
  description:
    "Nền đỏ, chữ vàng in hoa đậm, ngôi sao vàng, dòng cơ quan ban hành — băng rôn trên trục đường chính.",
  kinds: ["banner", "screen"],
  contentItems: [],
  controls: {
    // `ink`: slogan and issuer; `decor`: star and rules; `light`: the footer line; `emphasis`: the
    // slogan's `*…*` runs. Every text colour keeps 4.5:1 on its ground with the default brand.
    palettes: [
      {
        id: "do-vang",
        name: "Đỏ – vàng",
        colors: { ground: "primary", ink: "accent", decor: "accent", light: "white", emphasis: "white" },
      },
      {
        id: "xanh-trang",
        name: "Xanh – trắng",
        colors: { ground: "navy", ink: "white", decor: "accent", light: "white", emphasis: "accent" },
      },
    ],
    fonts: [
      { id: "oswald", name: "Oswald – chữ hẹp, cao", family: CONDENSED, weight: 700 },
      { id: "be-vietnam-pro", name: "Be Vietnam Pro – chữ đậm, rộng", family: SANS, weight: 800 },
    ],
  },
  fonts: { [SANS]: [500, 600, 700, 800], [CONDENSED]: [700] },
  design(ctx: TemplateContext): Design {
    const GROUND = ctx.colors.ground;
    const INK = ctx.colors.ink;
    const STAR = ctx.colors.decor;
    const LIGHT = ctx.colors.light;
    const { canvas, shape } = ctx;
    const s = canvas.safe;
    const minCap = canvas.minCapHeight;
    const issuer = issuerOf(ctx.brand, ctx.options.issuer);
    const { overlays, texts, layers: parts, fixed, add } = designKit(ctx);
    // Banners and vertical flags are read from the road: the condensed face gets more letter
    // height into a long line and into the narrow column of a flag.
    const roadside = shape === "wide" || shape === "tall";
    const { family, weight } = sloganFont(
      ctx,
      roadside ? { family: CONDENSED, weight: 700 } : { family: SANS, weight: 800 },
    );
    const ruleH = Math.max(canvas.trim.height * 0.012, 1);
    overlays.push(
      {
        d: rectPath({ x: canvas.trim.x, y: s.y - ruleH * 2.5, width: canvas.trim.width, height: ruleH }),
        fill: STAR,
      },
      {
        d: rectPath({
          x: canvas.trim.x,
          y: s.y + s.height + ruleH * 1.5,
          width: canvas.trim.width,
          height: ruleH,
        }),
        fill: STAR,
      },
    );
    const common = {
      color: INK,
      background: GROUND,
      uppercase: true,
      unit: unitOf(canvas, ctx.format.kind === "screen"),
    } as const;
    if (shape === "wide") {
      const star = s.height * 0.78;
      overlays.push({ d: starPath(s.x + star / 2, s.y + s.height / 2, star / 2), fill: STAR });
      const textBox: Box = { x: s.x + star * 1.25, y: s.y, width: s.width - star * 1.25, height: s.height };
      const headH = textBox.height * 0.2;
      const subH = ctx.subtitle ? textBox.height * 0.16 : 0;
      add(
        textBlock({
          ...common,
          role: "secondary",
          label: "Dòng cơ quan",
          fixed: true,
          text: issuer,
          family: SANS,
          weight: 700,
          box: { ...textBox, height: headH },
          maxLines: 1,
          minCapHeight: minCap * 0.3,
          maxFontSize: headH * 0.8,
          letterSpacingEm: 0.06,
        }),
      );
      add(
        textBlock({
          ...common,
          role: "primary",
          label: "Khẩu hiệu",
          text: ctx.text,
          emphasisColor: ctx.colors.emphasis,
          family,
          weight,
          box: { ...textBox, y: textBox.y + headH * 1.1, height: textBox.height - headH * 1.1 - subH * 1.05 },
          maxLines: 2,
          minCapHeight: minCap,
          lineHeight: 1.18,
        }),
      );
      if (ctx.subtitle) {
        add(
          textBlock({
            role: "secondary",
            label: "Dòng phụ",
            text: ctx.subtitle,
            family: SANS,
            weight: 600,
            color: LIGHT,
            background: GROUND,
            box: { ...textBox, y: textBox.y + textBox.height - subH, height: subH },
            maxLines: 1,
            minCapHeight: minCap * 0.3,
            maxFontSize: subH * 0.75,
            unit: common.unit,
          }),
        );
      }
    } else {
      const tall = shape === "tall" || shape === "portrait";
      const star = Math.min(s.width, s.height) * (tall ? 0.42 : 0.2);
      overlays.push({ d: starPath(s.x + s.width / 2, s.y + star / 2, star / 2), fill: STAR });
      let y = s.y + star * 1.15;
      const headH = s.height * (tall ? 0.09 : 0.09);
      add(
        textBlock({
          ...common,
          role: "secondary",
          label: "Dòng cơ quan",
          fixed: true,
          text: issuer,
          family: SANS,
          weight: 700,
          box: { x: s.x, y, width: s.width, height: headH },
          maxLines: tall ? 2 : 1,
          minCapHeight: minCap * 0.3,
          maxFontSize: headH * (tall ? 0.42 : 0.7),
          letterSpacingEm: 0.04,
        }),
      );
      y += headH * 1.15;
      const isScreen = ctx.format.kind === "screen";
      // Screens always carry a footer line (the year's theme unless a subtitle is given); print
      // formats only when the designer wrote a subtitle.
      const showFoot = isScreen || !!ctx.subtitle;
      const footH = showFoot ? s.height * 0.08 : 0;
      const sloganH = s.y + s.height - y - footH * 1.8;
      add(
        textBlock({
          ...common,
          role: "primary",
          label: "Khẩu hiệu",
          text: ctx.text,
          emphasisColor: ctx.colors.emphasis,
          family,
          weight,
          box: { x: s.x, y, width: s.width, height: sloganH },
          maxLines: tall ? 8 : 4,
          minCapHeight: minCap,
          lineHeight: 1.2,
        }),
      );
      if (showFoot) {
        const fy = s.y + s.height - footH;
        overlays.push({
          d: rectPath({
            x: s.x + s.width * 0.3,
            y: fy - footH * 0.4,
            width: s.width * 0.4,
            height: Math.max(2, footH * 0.04),
          }),
          fill: STAR,
        });
        add(
          textBlock({
            role: "secondary",
            label: ctx.subtitle ? "Dòng phụ" : "Chủ đề năm",
            fixed: !ctx.subtitle,
            text: ctx.subtitle ?? `Năm ${ctx.brand.year}: ${ctx.brand.theme}`,
            family: SANS,
            weight: 500,
            color: LIGHT,
            background: GROUND,
            box: { x: s.x, y: fy, width: s.width, height: footH },
            maxLines: 2,
            minCapHeight: minCap * (isScreen ? 0.5 : 0.3),
            maxFontSize: footH * (isScreen ? 0.45 : 0.6),
            unit: common.unit,
          }),
        );
      }
    }
    const element = <Ground canvas={canvas} background={GROUND} layers={parts} />;
    return { element, overlays, texts, fixed };
  },
};
