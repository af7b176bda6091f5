// The font catalogue: OFL families with full Vietnamese coverage, shipped as static TTF instances
// by @expo-google-fonts packages (satori reads TTF/OTF/WOFF, not WOFF2, and no variable fonts).

export type FontWeight = 400 | 500 | 600 | 700 | 800 | 900;

export interface FontFamily {
  /** Stable id used by templates and the CLI. */
  id: string;
  /** The family name templates use in `fontFamily`. */
  name: string;
  /** npm package that ships the TTF files and their OFL licence. */
  pkg: string;
  /** File stem prefix inside the package, e.g. `BeVietnamPro`. */
  stem: string;
  weights: FontWeight[];
  role: string;
}

export const FONT_FAMILIES: readonly FontFamily[] = [
  {
    id: "be-vietnam-pro",
    name: "Be Vietnam Pro",
    pkg: "@expo-google-fonts/be-vietnam-pro",
    stem: "BeVietnamPro",
    weights: [400, 500, 600, 700, 800, 900],
    role: "workhorse sans, designed in Vietnam for Vietnamese",
  },
  {
    id: "oswald",
    name: "Oswald",
    pkg: "@expo-google-fonts/oswald",
    stem: "Oswald",
    weights: [500, 600, 700],
    role: "condensed display for long banners",
  },
  {
    id: "roboto-condensed",
    name: "Roboto Condensed",
    pkg: "@expo-google-fonts/roboto-condensed",
    stem: "RobotoCondensed",
    weights: [400, 700, 800],
    role: "condensed text face for dense lines",
  },
  {
    id: "noto-serif",
    name: "Noto Serif",
    pkg: "@expo-google-fonts/noto-serif",
    stem: "NotoSerif",
    weights: [400, 700],
    role: "serif for formal posters",
  },
  {
    id: "lora",
    name: "Lora",
    pkg: "@expo-google-fonts/lora",
    stem: "Lora",
    weights: [400, 700],
    role: "warm serif for headings",
  },
  {
    id: "montserrat",
    name: "Montserrat",
    pkg: "@expo-google-fonts/montserrat",
    stem: "Montserrat",
    weights: [500, 700, 800, 900],
    role: "geometric display for screens",
  },
];

const WEIGHT_DIR: Record<FontWeight, string> = {
  400: "400Regular",
  500: "500Medium",
  600: "600SemiBold",
  700: "700Bold",
  800: "800ExtraBold",
  900: "900Black",
};

export function fontFileRelative(family: FontFamily, weight: FontWeight): string {
  const dir = WEIGHT_DIR[weight];
  return `${dir}/${family.stem}_${dir}.ttf`;
}

export function findFamily(idOrName: string): FontFamily | undefined {
  return FONT_FAMILIES.find((f) => f.id === idOrName || f.name === idOrName);
}
