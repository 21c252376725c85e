import { createHmac, randomBytes } from 'node:crypto';

/** Secrets a log line must never hold, and personal data it may only hold as keyed hashes. */
export interface ScrubOptions {
  /** The bootstrap admin key: redacted wherever it appears. */
  adminKey?: string;
  /** Key of the identifiers' hashes: the same key gives the same hash (correlation across processes). */
  hashKey?: string;
}

/** Minted API-key secrets and bearer credentials, whatever the key. */
const SECRETS = /\bclk_[A-Za-z0-9_-]{8,}|\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
/** Emails, bare or as identifier keys (`email:…`). */
const EMAIL = /(email:)?[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/g;
/** Phones as identifier keys or in E.164 (`+33612345678`); bare digit runs (offsets, times) are left. */
const PHONE = /(phone:)?\+\d{8,15}\b/g;
/** `scheme://user:password@host`: the credentials go, the host stays. */
const URI_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(:[^\s/@]*)?@/gi;

/**
 * Scrubs text bound for a log: secrets redacted, emails and phones replaced by a keyed hash
 * (`email#1a2b3c4d5e6f`), credentials in connection strings removed. Without a hash key the
 * process draws one: hashes then correlate lines of one process only.
 */
export function logScrubber(options: ScrubOptions = {}): (text: string) => string {
  const hashKey = options.hashKey ?? randomBytes(32).toString('hex');
  const hashed = (kind: string, value: string) =>
    `${kind}#${createHmac('sha256', hashKey).update(value.toLowerCase()).digest('hex').slice(0, 12)}`;
  const admin = options.adminKey;
  return (text) => {
    let out = admin && admin.length > 0 ? text.split(admin).join('[redacted]') : text;
    out = out.replace(SECRETS, (match) =>
      match.toLowerCase().startsWith('clk_') ? 'clk_[redacted]' : `${match.split(/\s/)[0]} [redacted]`,
    );
    out = out.replace(URI_CREDENTIALS, '$1[redacted]@');
    out = out.replace(EMAIL, (match) => hashed('email', match.replace(/^email:/, '')));
    return out.replace(PHONE, (match) => hashed('phone', match.replace(/^phone:/, '')));
  };
}
