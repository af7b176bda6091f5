import { type KeyboardEvent, type PointerEvent, useCallback, useEffect, useRef, useState } from "react";
import type { Pin } from "./PinBoard";

/**
 * Scale and offset (px, in the frame's coordinates) of the image layer, translate(x, y)
 * scale(scale), and the frame's height while zoomed (px; undefined at 100 %, when it is the image's).
 */
interface View {
  scale: number;
  x: number;
  y: number;
  height?: number;
}

const FIT: View = { scale: 1, x: 0, y: 0 };
const STEP = 1.5;
const PAN_STEP = 48;

// Enough to see the full-resolution proof pixel for pixel twice over (a 10 m banner shown 360 px
// wide needs about ×20 before a letter's strokes separate), never less than ×4.
function maxScale(img: HTMLImageElement | null): number {
  if (!img?.naturalWidth || !img.clientWidth) return 8;
  return Math.min(40, Math.max(4, (img.naturalWidth / img.clientWidth) * 2));
}

/** One axis: centred while the scaled image is smaller than the frame, else no empty band. */
function clampAxis(offset: number, content: number, frame: number): number {
  return content <= frame ? (frame - content) / 2 : Math.min(0, Math.max(frame - content, offset));
}

/**
 * Within the zoom range, and placed so no empty band can be dragged into view. A zoomed wide
 * banner (a 10 m one is 45 px tall on a phone) gets a taller frame, so a line of letters fits.
 */
function clampView(v: View, img: HTMLImageElement): View {
  const w = img.clientWidth;
  const h = img.clientHeight;
  const scale = Math.min(maxScale(img), Math.max(1, v.scale));
  if (scale === 1) return FIT;
  const height = Math.max(h, Math.min(window.innerHeight * 0.45, 360));
  return { scale, x: clampAxis(v.x, w * scale, w), y: clampAxis(v.y, h * scale, height), height };
}

/** Zooms by `factor` keeping the frame point (cx, cy) where it is, as a pinch or a wheel does. */
function zoomAt(v: View, factor: number, cx: number, cy: number): View {
  const scale = v.scale * factor;
  const k = scale / v.scale;
  return { scale, x: cx - (cx - v.x) * k, y: cy - (cy - v.y) * k };
}

/**
 * A proof image that can be zoomed and panned to the letter: pinch and drag on a touch screen,
 * wheel and drag with a mouse, +/−/0 and the arrows from the keyboard, and the − / + / "100 %"
 * buttons. `src` should be the full-resolution PNG, since the browser scales that bitmap. Comment
 * pins sit in the zoomed layer, so they stay on their spot. The zoom is reported in `data-scale`.
 */
export function ZoomableImage({ src, alt, pins = [] }: { src: string; alt: string; pins?: Pin[] }) {
  const frame = useRef<HTMLDivElement>(null);
  const img = useRef<HTMLImageElement>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const [view, setView] = useState<View>(FIT);

  const update = useCallback((next: (v: View) => View) => {
    setView((v) => (img.current ? clampView(next(v), img.current) : v));
  }, []);

  const local = (clientX: number, clientY: number) => {
    const r = frame.current?.getBoundingClientRect();
    return r ? { x: clientX - r.left, y: clientY - r.top } : { x: 0, y: 0 };
  };
  const centre = () => ({
    x: (frame.current?.clientWidth ?? 0) / 2,
    y: (frame.current?.clientHeight ?? 0) / 2,
  });
  const zoomBy = (factor: number) => {
    const c = centre();
    update((v) => zoomAt(v, factor, c.x, c.y));
  };

  // React's wheel listener is passive: the page would scroll as well as the image zoom.
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002));
      update((v) => zoomAt(v, factor, e.clientX - r.left, e.clientY - r.top));
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [update]);

  const down = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    pointers.current.set(e.pointerId, local(e.clientX, e.clientY));
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    const map = pointers.current;
    const before = map.get(e.pointerId);
    if (!before) return;
    const now = local(e.clientX, e.clientY);
    const other = [...map.entries()].find(([id]) => id !== e.pointerId)?.[1];
    map.set(e.pointerId, now);
    if (!other) {
      update((v) => ({ ...v, x: v.x + now.x - before.x, y: v.y + now.y - before.y }));
      return;
    }
    // Two fingers: scale by the change of their distance about their midpoint, and follow the midpoint.
    const d0 = Math.hypot(before.x - other.x, before.y - other.y);
    const d1 = Math.hypot(now.x - other.x, now.y - other.y);
    if (d0 < 1) return;
    const m0 = { x: (before.x + other.x) / 2, y: (before.y + other.y) / 2 };
    const m1 = { x: (now.x + other.x) / 2, y: (now.y + other.y) / 2 };
    update((v) => {
      const z = zoomAt(v, d1 / d0, m0.x, m0.y);
      return { ...z, x: z.x + m1.x - m0.x, y: z.y + m1.y - m0.y };
    });
  };
  const up = (e: PointerEvent<HTMLDivElement>) => {
    pointers.current.delete(e.pointerId);
  };

  const key = (e: KeyboardEvent<HTMLDivElement>) => {
    const pan: Record<string, [number, number]> = {
      ArrowLeft: [PAN_STEP, 0],
      ArrowRight: [-PAN_STEP, 0],
      ArrowUp: [0, PAN_STEP],
      ArrowDown: [0, -PAN_STEP],
    };
    if (e.key === "+" || e.key === "=") zoomBy(STEP);
    else if (e.key === "-" || e.key === "_") zoomBy(1 / STEP);
    else if (e.key === "0") setView(FIT);
    else if (pan[e.key] && view.scale > 1) {
      const [dx, dy] = pan[e.key];
      update((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));
    } else return;
    e.preventDefault();
  };

  const percent = Math.round(view.scale * 100);
  return (
    <figure className="zoomable">
      <div
        ref={frame}
        className={view.scale > 1 ? "zoom-frame zoomed" : "zoom-frame"}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: it takes +, −, 0 and the arrows to zoom and pan
        tabIndex={0}
        role="application"
        aria-label={`${alt}. Phóng to: phím + hoặc chụm hai ngón tay; thu nhỏ: phím −; về 100 %: phím 0; kéo hoặc phím mũi tên để di chuyển.`}
        data-testid="zoom-frame"
        data-scale={view.scale.toFixed(3)}
        style={view.height ? { height: `${view.height}px` } : undefined}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onKeyDown={key}
        onDoubleClick={(e) => {
          const p = local(e.clientX, e.clientY);
          update((v) => (v.scale > 1 ? FIT : zoomAt(v, 4, p.x, p.y)));
        }}
      >
        <div
          className="zoom-layer"
          data-testid="zoom-layer"
          style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
        >
          <img ref={img} src={src} alt={alt} draggable={false} data-testid="zoom-image" />
          {pins.map((p) => (
            <span
              key={p.n}
              className="pin"
              style={{ left: `${p.x * 100}%`, top: `${p.y * 100}%`, scale: `${1 / view.scale}` }}
              title={p.title}
            >
              {p.n}
            </span>
          ))}
        </div>
      </div>
      <figcaption className="zoom-tools">
        <button type="button" className="btn small" onClick={() => zoomBy(1 / STEP)} aria-label="Thu nhỏ">
          −
        </button>
        <output aria-live="polite" className="zoom-level">
          {view.scale > 1 ? `${percent} %` : ""}
        </output>
        <button type="button" className="btn small" onClick={() => zoomBy(STEP)} aria-label="Phóng to">
          +
        </button>
        <button type="button" className="btn small" onClick={() => setView(FIT)} disabled={view.scale === 1}>
          100 %
        </button>
      </figcaption>
    </figure>
  );
}
