/** The Vietnamese outcome of a form post: a status line when it worked, an alert when it did not. */
export function FormOutcome({ ok, error }: { ok?: string | null; error?: string | null }) {
  return (
    <>
      {ok && (
        <p className="notice" role="status">
          {ok}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
