import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const MODULE = fileURLToPath(new URL("../../templates/render/memory-budget.ts", import.meta.url));

/** Runs collectIfOverBudget in a fresh node: whether gc is exposed is fixed at process start. */
function collects(flags: string[], budgetMb: number): boolean {
  const out = execFileSync(
    process.execPath,
    [
      ...flags,
      "--import",
      "tsx",
      "-e",
      `import(${JSON.stringify(MODULE)}).then((m) => console.log(JSON.stringify(m.collectIfOverBudget(${budgetMb}))))`,
    ],
    { encoding: "utf8" },
  );
  return JSON.parse(out.trim());
}

describe("render memory budget", () => {
  it("collects when the process is over its budget", () => {
    expect(collects(["--expose-gc"], 1)).toBe(true);
  });

  it("leaves the heap alone while the process is under its budget", () => {
    expect(collects(["--expose-gc"], 100000)).toBe(false);
  });

  it("does nothing when the process was started without --expose-gc", () => {
    expect(collects([], 1)).toBe(false);
  });
});
