/** What must never be in a log line: credentials and contact data, written in clear. */
const FORBIDDEN: Array<[string, RegExp]> = [
  ['a minted API key', /clk_[0-9a-f]{16}_[A-Za-z0-9_-]{32}/g],
  ['an email address', /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g],
  ['an email address, URL-encoded', /[A-Za-z0-9._+-]+%40[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gi],
  ['an E.164 phone number', /\+[1-9]\d{7,14}\b/g],
  ['a French phone number', /\b0[1-9](?:[ .]?\d{2}){4}\b/g],
];

/** Each forbidden thing found in `logs` (the given secrets too), with an excerpt to find it by. */
export function auditLogs(logs: string, secrets: string[]): string[] {
  const findings: string[] = [];
  for (const secret of secrets) {
    const at = logs.indexOf(secret);
    if (at !== -1) findings.push(`a secret of the run: …${logs.slice(Math.max(0, at - 80), at)}[here]`);
  }
  for (const [what, pattern] of FORBIDDEN) {
    for (const match of logs.matchAll(pattern)) {
      const at = match.index;
      findings.push(`${what}: …${logs.slice(Math.max(0, at - 80), at + match[0].length)}`);
      if (findings.length > 20) return findings;
    }
  }
  return findings;
}
