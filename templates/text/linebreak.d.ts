// Types for the `linebreak` package (UAX #14), which ships none.
declare module "linebreak" {
  interface Break {
    /** UTF-16 index where the next line may start. */
    position: number;
    /** A mandatory break (BK, CR, LF, NL). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
