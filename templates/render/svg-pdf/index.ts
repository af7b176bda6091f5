// The SVG→PDF writer's public surface: what ../pdf.ts (page assembly), ../../preflight.ts (path
// bounds) and scripts/bench import. Satori's SVG subset becomes raw PDF content-stream operators
// (decision 030). The folder splits the former svg-to-pdf.ts along its own seams: errors, matrix,
// path-data, tree, style, resources, raster and writer. Import from here, not from the modules, so
// the split stays free to move; the modules import each other directly and never this file.
export { PdfRenderError, type PdfRenderErrorCode } from "./errors";
export { fmt, IDENTITY, type Mat, mul, parseTransform } from "./matrix";
export { PathEmitter, type PathSink, parsePathData } from "./path-data";
export type { RasterPlacement } from "./raster";
export { PdfResources } from "./resources";
export { parseSvg, type SvgDocument, type XNode } from "./tree";
export { SvgPdfWriter, type SvgToPdfOptions } from "./writer";
