import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "../../config/env.server";

// SIGNING_P12_PATH and SIGNING_P12_PASSWORD (decision 032): both or neither, checked at start-up,
// never echoing the password.

describe("the signing key settings", () => {
  it("neither: minutes are not signed", () => {
    expect(parseEnv({}).signing).toBeUndefined();
  });

  it("both: the key file as an absolute path, with its password", () => {
    expect(
      parseEnv({ SIGNING_P12_PATH: "keys/ky-so.p12", SIGNING_P12_PASSWORD: "mật khẩu" }).signing,
    ).toEqual({
      p12Path: path.resolve("keys/ky-so.p12"),
      password: "mật khẩu",
    });
  });

  it("one without the other stops the start, naming the missing one and not the password", () => {
    const refusal = (env: Record<string, string>) => {
      try {
        parseEnv(env);
      } catch (e) {
        if (e instanceof ConfigError) return e;
        throw e;
      }
      throw new Error("accepted");
    };
    const noPassword = refusal({ SIGNING_P12_PATH: "/etc/co-dong/ky-so.p12" });
    expect(noPassword.message).toBe(
      "Invalid environment: SIGNING_P12_PASSWORD: required with SIGNING_P12_PATH",
    );
    expect(noPassword.details.variables).toEqual(["SIGNING_P12_PASSWORD"]);
    const noPath = refusal({ SIGNING_P12_PASSWORD: "bí-mật-rất-dài" });
    expect(noPath.message).toBe("Invalid environment: SIGNING_P12_PATH: required with SIGNING_P12_PASSWORD");
    expect(noPath.message).not.toContain("bí-mật-rất-dài");
    expect(noPath.messageVi).toContain("SIGNING_P12_PATH");
  });
});
