/**
 * A form's refusal: the message, then each problem on its own line (a preflight refusal lists
 * every error it found, so the user can fix them all before sending again).
 */
export function FormError({ error, issues, testId }: { error: string; issues: string[]; testId?: string }) {
  return (
    <div className="error" role="alert" data-testid={testId}>
      <p>{error}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
