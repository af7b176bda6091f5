// Moved to clean.ts (the one text pipeline); kept until the app imports from there.
export { MAX_SLOGAN_CHARS, MAX_SUBTITLE_CHARS, upperVi } from "./clean";
