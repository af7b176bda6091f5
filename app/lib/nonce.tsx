import { createContext, useContext } from "react";

/** Per-response CSP nonce: set by entry.server, read by the root layout for Remix's inline scripts. */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
