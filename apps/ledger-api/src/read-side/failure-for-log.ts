/** Email- and phone-shaped text: a driver's or parser's message may quote the data it failed on. */
const PERSONAL = /[^\s"'<>()@]+@[^\s"'<>()]+|\+?\d[\d -]{6,}\d/g;

/** An unexpected failure as the operator's log may hold it: what and where, never whom. */
export function failureForLog(error: unknown, withStack = false): string {
  if (!(error instanceof Error)) return String(error).replace(PERSONAL, '[redacted]');
  const text = withStack ? (error.stack ?? error.message) : `${error.name}: ${error.message}`;
  return text.replace(PERSONAL, '[redacted]');
}
