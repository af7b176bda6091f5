/** A rectangle in canvas units (or source pixels, where a docstring says so), from the top left. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
