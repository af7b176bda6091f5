import { DomainError } from "../domain/errors";

/**
 * A setting the server (or the CLI) cannot start with. Code CONFIG_INVALID; `fault`, since no
 * user can fix it. The process guard ends the server for it rather than serve half-configured.
 * `variables` names the environment variables at fault, also in `messageVi` (the CLI prints that
 * line) and in `details.variables`.
 */
export class ConfigError extends DomainError {
  readonly code = "CONFIG_INVALID";
  override readonly fault = true;
  constructor(message: string, variables: readonly string[] = []) {
    super(
      `Cấu hình máy chủ không hợp lệ${variables.length ? ` (${variables.join(", ")})` : ""}; vui lòng báo quản trị hệ thống.`,
      message,
      { variables: [...variables] },
    );
    this.name = "ConfigError";
  }
}
