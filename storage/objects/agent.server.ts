import * as http from "node:http";
import * as https from "node:https";
import type { Duplex } from "node:stream";

export interface TimeoutOptions {
  /** Time allowed to establish TCP (and TLS). Default 2000 ms. */
  connectTimeoutMs?: number;
  /** Time a connected socket may stay silent mid-request. Default 10000 ms. */
  idleTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 2000;
export const DEFAULT_IDLE_TIMEOUT_MS = 10_000;

function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { code: "ETIMEDOUT" });
}

/**
 * minio-js 8 has no timeout option and never listens to a request's 'timeout' event, so a dead or
 * hung server would hang the publisher for minutes (OS connect timeout). The only hook it offers is
 * `transportAgent`; this agent arms its own timers on every socket and destroys it with ETIMEDOUT,
 * which surfaces as a rejected request and is mapped to UNAVAILABLE.
 * keepAlive stays off: Node resets socket timeouts when it pools sockets, and a pooled socket to a
 * restarted server would fail the first request after recovery.
 */
function arm(socket: Duplex | null | undefined, timeouts: Required<TimeoutOptions>, secure: boolean): void {
  if (!socket) return;
  const s = socket as import("node:net").Socket;
  const connectTimer = setTimeout(() => {
    s.destroy(timeoutError(`connect timed out after ${timeouts.connectTimeoutMs} ms`));
  }, timeouts.connectTimeoutMs);
  connectTimer.unref();
  s.once(secure ? "secureConnect" : "connect", () => {
    clearTimeout(connectTimer);
    s.setTimeout(timeouts.idleTimeoutMs, () => {
      s.destroy(timeoutError(`no data for ${timeouts.idleTimeoutMs} ms`));
    });
  });
  s.once("close", () => clearTimeout(connectTimer));
}

function resolve(t: TimeoutOptions): Required<TimeoutOptions> {
  return {
    connectTimeoutMs: t.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    idleTimeoutMs: t.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
  };
}

class FailFastHttpAgent extends http.Agent {
  constructor(private readonly timeouts: Required<TimeoutOptions>) {
    super({ keepAlive: false });
  }
  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    arm(socket, this.timeouts, false);
    return socket;
  }
}

class FailFastHttpsAgent extends https.Agent {
  constructor(private readonly timeouts: Required<TimeoutOptions>) {
    super({ keepAlive: false });
  }
  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    arm(socket, this.timeouts, true);
    return socket;
  }
}

export function failFastAgent(useSSL: boolean, timeouts: TimeoutOptions = {}): http.Agent {
  return useSSL ? new FailFastHttpsAgent(resolve(timeouts)) : new FailFastHttpAgent(resolve(timeouts));
}
