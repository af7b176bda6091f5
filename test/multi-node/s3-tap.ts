import { connect, createServer, type Server, type Socket } from "node:net";

// A TCP relay in front of the S3 server, one per app node (the node's MINIO_PORT), that reads the
// HTTP/1.1 requests going through: which node sent which PUT, complete or not, and — armed —
// stops one matching upload halfway through its body, so a node can be killed while it is truly
// mid-upload. Only the request side is parsed; answers pass through untouched.

export interface TapRequest {
  method: string;
  /** Path and query, as sent: /bucket/key… */
  path: string;
  /** Body bytes the request announced (Content-Length; 0 without one). */
  length: number;
  /** True once every body byte went through to the S3 server. */
  complete: boolean;
  /** True when this tap stopped the request halfway. */
  held: boolean;
}

export interface S3Tap {
  /** The port to give the node as MINIO_PORT. */
  port: number;
  /** Every request seen, in order. */
  readonly requests: readonly TapRequest[];
  /**
   * Arms the tap: the next request for which `match(method, path)` holds gets its headers and
   * half its body forwarded, then nothing more from that connection until the node closes it.
   * Resolves with that request. One hold at a time.
   */
  holdNext(match: (method: string, path: string) => boolean): Promise<TapRequest>;
  /** Disarms a pending hold (its promise never resolves). */
  disarm(): void;
  close(): Promise<void>;
}

interface Hold {
  match: (method: string, path: string) => boolean;
  resolve: (r: TapRequest) => void;
}

const HEAD_END = Buffer.from("\r\n\r\n");

/** Starts a tap on a free loopback port relaying to 127.0.0.1:`targetPort`. */
export async function startS3Tap(targetPort: number): Promise<S3Tap> {
  const requests: TapRequest[] = [];
  const sockets = new Set<Socket>();
  let hold: Hold | null = null;

  const relay = (client: Socket) => {
    const upstream = connect(targetPort, "127.0.0.1");
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    let current: TapRequest | null = null;
    let bodyLeft = 0;
    // Bytes of the held request's body still allowed through; -1 when nothing is held.
    let allowance = -1;
    let stopped = false;

    const forward = (chunk: Buffer) => {
      if (chunk.length) upstream.write(chunk);
    };
    const onData = (data: Buffer) => {
      if (stopped) return;
      pending = Buffer.concat([pending, data]);
      while (pending.length && !stopped) {
        if (current && bodyLeft > 0) {
          const take = Math.min(bodyLeft, pending.length, allowance >= 0 ? allowance : Infinity);
          forward(pending.subarray(0, take));
          pending = pending.subarray(take);
          bodyLeft -= take;
          if (allowance >= 0) {
            allowance -= take;
            if (allowance === 0 && bodyLeft > 0) {
              stopped = true;
              client.pause();
              return;
            }
          }
          if (bodyLeft === 0) {
            current.complete = true;
            current = null;
          }
          continue;
        }
        const end = pending.indexOf(HEAD_END);
        if (end < 0) return;
        const head = pending.subarray(0, end + HEAD_END.length);
        pending = pending.subarray(end + HEAD_END.length);
        const lines = head.toString("latin1").split("\r\n");
        const [method = "", path = ""] = lines[0].split(" ");
        const lengthLine = lines.find((l) => /^content-length:/i.test(l));
        const length = lengthLine ? Number(lengthLine.split(":")[1]) : 0;
        current = { method, path, length, complete: length === 0, held: false };
        requests.push(current);
        bodyLeft = length;
        forward(head);
        if (hold && length > 1 && hold.match(method, path)) {
          current.held = true;
          allowance = Math.floor(length / 2);
          const h = hold;
          hold = null;
          h.resolve(current);
        }
        if (length === 0) current = null;
      }
    };
    client.on("data", onData);
    upstream.on("data", (d) => client.write(d));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    // A killed node's socket closes: the S3 server then sees a PUT cut short and stores nothing.
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  };

  const server: Server = createServer(relay);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    requests,
    holdNext(match) {
      if (hold) throw new Error("this tap already holds out for a request");
      return new Promise<TapRequest>((resolve) => {
        hold = { match, resolve };
      });
    },
    disarm() {
      hold = null;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
