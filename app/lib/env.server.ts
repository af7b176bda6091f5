import { z } from "zod";

// Environment settings the web app reads, parsed once with zod: a bad value stops the server at
// start-up with the variable's name instead of surfacing later as a broken link in a print file.

/** A setting the server cannot start with; the process guard ends the process for it (CONFIG_INVALID). */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
}

const blankIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const origin = z.preprocess(
  blankIsUnset,
  z
    .string()
    .trim()
    .transform((s, ctx) => {
      let url: URL | null = null;
      try {
        url = new URL(s);
      } catch {
        // reported below
      }
      const bare =
        url &&
        (url.protocol === "https:" || url.protocol === "http:") &&
        !url.username &&
        !url.password &&
        url.pathname === "/" &&
        !url.search &&
        !url.hash;
      if (!url || !bare) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: "an http(s) origin such as https://xa.example.vn",
        });
        return z.NEVER;
      }
      return url.origin;
    })
    .optional(),
);

const schema = z.object({
  /** Public origin (scheme, host, port) the app is reached at: QR codes, Secure cookies, same-origin checks. */
  PUBLIC_ORIGIN: origin,
  /** HTTP port remix-serve listens on. */
  PORT: z.preprocess(blankIsUnset, z.coerce.number().int().min(1).max(65535).default(3000)),
});

export interface AppEnv {
  /** PUBLIC_ORIGIN as an origin, or null when it is not set. */
  publicOrigin: string | null;
  port: number;
  /**
   * The origin written into files (the verify QR on a print file's slug line): PUBLIC_ORIGIN, or
   * on embedded defaults http://localhost:PORT. Never taken from a request header.
   */
  fileOrigin: string;
}

/** Parses the settings; on embedded defaults says once, through `log`, where file links will point. */
export function loadEnv(
  source: Record<string, string | undefined>,
  log: (message: string) => void = console.info,
): AppEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const what = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`Invalid environment: ${what}`);
  }
  const { PUBLIC_ORIGIN, PORT } = parsed.data;
  const fileOrigin = PUBLIC_ORIGIN ?? `http://localhost:${PORT}`;
  if (!PUBLIC_ORIGIN) {
    log(
      `PUBLIC_ORIGIN is not set: verify links and QR codes in new print files point to ${fileOrigin}. ` +
        "Set PUBLIC_ORIGIN to the address people reach this server at.",
    );
  }
  return { publicOrigin: PUBLIC_ORIGIN ?? null, port: PORT, fileOrigin };
}

let cached: AppEnv | null = null;

/** The process's settings, parsed on first use (at start-up: see below) and never again. */
export function appEnv(): AppEnv {
  cached ??= loadEnv(process.env, process.env.VITEST ? () => {} : console.info);
  return cached;
}

// remix-serve imports the server build (and so this module) when it starts: parse now, so a bad
// value stops the start and the default origin is logged once, before the first request.
appEnv();
