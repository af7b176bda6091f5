// Lengths every input path agrees on, in Unicode code points after cleaning (NFC): the forms'
// maxlength, the server's checks and the CLI read them from here.

/** A slogan: the longest in the plan is 96; 160 still fits a 1 m poster line at a readable size. */
export const SLOGAN_MAX_CHARS = 160;
/** A subtitle or an issuer line under the slogan. */
export const SUBTITLE_MAX_CHARS = 200;
/** A reviewer's comment on a version. */
export const COMMENT_MAX_CHARS = 2000;
/** The free text explaining a return, rejection or revocation. */
export const REASON_TEXT_MAX_CHARS = 2000;
