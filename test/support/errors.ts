/** The error `fn` throws, when `is` recognises it; any other error is rethrown, and no error fails the test. */
export function refusal<T extends Error>(fn: () => unknown, is: (e: unknown) => e is T): T {
  try {
    fn();
  } catch (e) {
    if (is(e)) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

/** As `refusal`, for a `fn` whose refusal may come as a rejected promise. */
export async function rejection<T extends Error>(fn: () => unknown, is: (e: unknown) => e is T): Promise<T> {
  try {
    await fn();
  } catch (e) {
    if (is(e)) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}
