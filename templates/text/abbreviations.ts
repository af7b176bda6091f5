// Abbreviations after which a line never breaks: "TP." at a line end reads as a sentence end and
// strands the name it belongs to ("TP. / HẢI PHÒNG"). Compared in capitals, so "Tp." matches too.
// Data, not code: add the ones a commune writes.
export const NO_BREAK_AFTER: readonly string[] = [
  // place and unit prefixes
  "TP.",
  "Q.",
  "P.",
  "TX.",
  "TT.",
  "Đ/c",
  // bodies and programmes, usually followed by the name they qualify
  "UBND",
  "HĐND",
  "MTTQ",
  "CCHC",
  "TTHC",
  "BCH",
  "TCVN",
  "ISO",
];
