import type { LogPosition } from '@ledger/domain';

const TOKEN_VERSION = 'p1';

/** Position tokens are opaque to callers; the prefix lets the format change later. */
export function encodePositionToken(position: LogPosition): string {
  return Buffer.from(`${TOKEN_VERSION}:${position.partition}:${position.offset}`, 'utf8').toString(
    'base64url',
  );
}

export function decodePositionToken(token: string): LogPosition | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^p1:(\d{1,6}):(\d{1,20})$/.exec(text);
  if (!match) return undefined;
  return { partition: Number(match[1]), offset: match[2] };
}
