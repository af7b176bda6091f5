import type { MouseEvent } from "react";

export interface Pin {
  n: number;
  x: number;
  y: number;
  title: string;
}

/**
 * An image with numbered comment pins over it. Positions are fractions of the image's size, so a
 * pin stays on its spot whatever size the image is shown at. With `onPick`, a click reports where
 * a new pin would go (rounded to 0.1 %), and `pick` marks it.
 */
export function PinBoard({
  src,
  alt,
  pins,
  pick,
  onPick,
}: {
  src: string;
  alt: string;
  pins: Pin[];
  pick: { x: number; y: number } | null;
  onPick?: (p: { x: number; y: number }) => void;
}) {
  const click = (e: MouseEvent<HTMLImageElement>) => {
    if (!onPick) return;
    const r = e.currentTarget.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
    const y = Math.min(1, Math.max(0, (e.clientY - r.top) / r.height));
    onPick({ x: Math.round(x * 1000) / 1000, y: Math.round(y * 1000) / 1000 });
  };
  return (
    <div className={onPick ? "pinboard picking" : "pinboard"}>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: pinning is a pointer shortcut; comments work without a pin */}
      <img src={src} alt={alt} onClick={click} />
      {pins.map((p) => (
        <span
          key={p.n}
          className="pin"
          style={{ left: `${p.x * 100}%`, top: `${p.y * 100}%` }}
          title={p.title}
        >
          {p.n}
        </span>
      ))}
      {pick && (
        <span
          className="pin new"
          style={{ left: `${pick.x * 100}%`, top: `${pick.y * 100}%` }}
          aria-hidden="true"
        >
          +
        </span>
      )}
    </div>
  );
}
