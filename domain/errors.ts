// The one error base of the house. Every refusal and every fault the domain raises carries a
// stable `code` for programs (CLI exit lines, JSON answers, logs) and a Vietnamese `messageVi` for
// people; the app shows messageVi and never a stack. Families (RenderError, WorkflowError, …) keep
// their own code lists and subclass this, so `instanceof DomainError` is the one check callers need.

export type ErrorDetails = Record<string, unknown>;

/**
 * Base of every domain error.
 * - `code`: stable, upper snake case (e.g. "TEXT_DOES_NOT_FIT", "FORBIDDEN").
 * - `messageVi`: a whole Vietnamese sentence a user can act on.
 * - `details`: plain data (survives structured clone and JSON) for forms and logs.
 * - `fault`: true when nothing the user does can fix it (a store is down, a key is wrong); such
 *   errors are logged for the operator as well as shown.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly messageVi: string;
  readonly details: ErrorDetails;
  readonly fault: boolean = false;

  constructor(messageVi: string, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.messageVi = messageVi;
    this.details = details;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** A refusal: a domain error the person can act on (bad input, wrong step), not a fault to log. */
export function isRefusal(e: unknown): e is DomainError {
  return e instanceof DomainError && !e.fault;
}

/** A domain error as plain data: what crosses a worker boundary or goes into a JSON answer. */
export interface WireDomainError {
  name: string;
  code: string;
  messageVi: string;
  message: string;
  details: ErrorDetails;
}

export function toWireError(e: DomainError): WireDomainError {
  return { name: e.name, code: e.code, messageVi: e.messageVi, message: e.message, details: e.details };
}
