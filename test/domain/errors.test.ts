import { afterEach, describe, expect, it, vi } from "vitest";
import { DomainError, isDomainError, isRefusal } from "../../domain/errors";
import { WorkflowError } from "../../domain/workflow-error";
import { RenderError } from "../../templates/errors";
import { PdfRenderError, unsupported } from "../../templates/render/svg-pdf/errors";
import { fromWire, toWire } from "../../templates/render/worker-protocol";
import { PrintAccessError } from "../../storage/print-access";
import { AuditChainError } from "../../storage/audit";
import { ObjectStoreError } from "../../storage/objects/errors";
import { PublishError } from "../../jobs/publisher/context";
import { ConfigError } from "../../config/errors";
import { userMessage } from "../../app/lib/errors.server";
import { CsvInputError } from "../../scripts/cli/csv-input";
import { UsageError, describeError } from "../../scripts/cli/output";

// One error base: every family carries a stable code and a Vietnamese message, and the layers
// that carry errors (the render worker's wire, the app's messages, the CLI's line) know them all.

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

const families: [string, DomainError, boolean][] = [
  ["RenderError", new RenderError("TEXT_DOES_NOT_FIT", "Khẩu hiệu quá dài, không vừa khổ."), false],
  ["PdfRenderError", unsupported("mask"), false],
  ["WorkflowError", new WorkflowError("FORBIDDEN"), false],
  ["PrintAccessError", new PrintAccessError("NOT_PUBLISHED"), false],
  [
    "AuditChainError",
    new AuditChainError("AUDIT_KEY_MISMATCH", "Khóa nhật ký không khớp.", "key mismatch"),
    true,
  ],
  ["ObjectStoreError", new ObjectStoreError("UNAVAILABLE", "connect ECONNREFUSED"), true],
  ["PublishError", new PublishError("INTEGRITY", "sha-256 differs"), true],
  ["ConfigError", new ConfigError("PUBLIC_ORIGIN: not a URL"), true],
  ["CsvInputError", new CsvInputError("Tệp không phải CSV UTF-8."), false],
  ["UsageError", new UsageError("thiếu tham số --template"), false],
];

describe("DomainError: one base for every family", () => {
  it.each(families)("%s is a DomainError with a stable code and a Vietnamese message", (name, e, fault) => {
    expect(e).toBeInstanceOf(DomainError);
    expect(isDomainError(e)).toBe(true);
    expect(e.name).toBe(name);
    expect(e.code).toMatch(/^[A-Z][A-Z_]+$/);
    expect(e.messageVi).toMatch(VIETNAMESE);
    expect(e.fault).toBe(fault);
    expect(isRefusal(e)).toBe(!fault);
    expect(describeError(e)).toBe(`${e.code}: ${e.messageVi}`);
  });

  it("plain errors are not domain errors", () => {
    expect(isDomainError(new Error("x"))).toBe(false);
    expect(isRefusal({ code: "FORBIDDEN", messageVi: "giả" })).toBe(false);
  });
});

describe("the render worker's wire carries every render family as itself", () => {
  it("a PDF-writer refusal crosses structured clone as a PdfRenderError, code and details intact", () => {
    const sent = new PdfRenderError("PDF_INVALID_INPUT", "Không đọc được SVG để xuất PDF.", { at: 12 });
    const back = fromWire(structuredClone(toWire(sent)));
    expect(back).toBeInstanceOf(PdfRenderError);
    expect(back).toMatchObject({ code: "PDF_INVALID_INPUT", messageVi: sent.messageVi, details: { at: 12 } });
  });

  it("a render refusal comes back as a RenderError", () => {
    const back = fromWire(
      structuredClone(toWire(new RenderError("GLYPH_MISSING", "Phông thiếu chữ “ỹ”.", { char: "ỹ" }))),
    );
    expect(back).toBeInstanceOf(RenderError);
    expect(back).toMatchObject({ code: "GLYPH_MISSING", details: { char: "ỹ" } });
  });

  it("anything else comes back as a plain Error with the worker's stack text", () => {
    const back = fromWire(structuredClone(toWire(new TypeError("boom"))));
    expect(isDomainError(back)).toBe(false);
    expect(back.message).toContain("TypeError: boom");
  });
});

describe("the app's message for an error", () => {
  afterEach(() => vi.restoreAllMocks());

  it("shows a PDF-writer refusal's message (it used to be rethrown as a bare 500)", () => {
    const e = unsupported("filter");
    expect(userMessage(e)).toBe(e.messageVi);
  });

  it("shows a fault's message and logs its code for the operator", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const e = new ObjectStoreError("UNAVAILABLE", "connect ECONNREFUSED 127.0.0.1:9000");
    expect(userMessage(e)).toBe(e.messageVi);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("UNAVAILABLE: connect ECONNREFUSED"));
  });

  it("rethrows what is not a domain error", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => userMessage(new Error("bug"))).toThrow("bug");
  });
});
