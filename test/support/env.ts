import { resetSettings } from "../../config/env.server";

/**
 * Sets environment variables (undefined deletes one) and makes the next settings() parse
 * process.env again: the app reads its settings once, so a test that changes them says so here.
 */
export function setEnv(vars: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetSettings();
}
