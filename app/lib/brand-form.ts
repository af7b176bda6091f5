// Names the /admin/brand form and its server share (the page runs in the browser too, so this
// holds no server code).

/** The ink fields of each palette slot, in the order C, M, Y, K: `${slot}.c` … `${slot}.k`, percent. */
export const CMYK_CHANNELS = ["c", "m", "y", "k"] as const;
