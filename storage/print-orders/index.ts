// Print orders (đơn đặt in, issue 13 §2): the office orders published assets from a print shop,
// the shop marks each line printed and delivered. What the rest of the house imports from
// "storage/print-orders"; every permission is decided inside from the database.

export { type OrderScope, readScope } from "./access";
export { cancelOrder } from "./cancel";
export {
  type CreateOrderInput,
  createOrder,
  MAX_LINE_PLACEMENTS,
  MAX_ORDER_LINES,
  ORDER_TEXT_LIMITS,
  type OrderLineInput,
} from "./create";
export { isPrintOrderError, PrintOrderError, type PrintOrderErrorCode } from "./errors";
export { type MarkLineInput, markLine } from "./mark";
export { listOrderableAssets, type OrderableAsset } from "./orderable";
export { getOrder, listOrders, type OpenLineOfVersion, openLinesOfVersions } from "./queries";
export type {
  BlockedReason,
  OrderLine,
  OrderLineFile,
  OrderLinePlacement,
  PrintOrder,
} from "./records";
export { orderSheetData, printFileName } from "./sheet-data";
