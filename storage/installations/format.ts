/** "2026-03-05" → "05/03/2026", for sentences the audit log and refusals keep. */
export function formatIsoDayVi(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}
