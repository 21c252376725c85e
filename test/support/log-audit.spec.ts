import { auditLogs } from './log-audit';

describe('the log audit of a test run', () => {
  const clean =
    '{"level":30,"req":{"method":"PUT","url":"/v1/subjects/s-1?email=email#0a1b2c3d4e5f"},"status":200,"msg":"request completed"}\n';

  it('passes clean lines, hashes and ids', () => {
    expect(auditLogs(clean, ['test-admin-key-0123456789abcdef'])).toEqual([]);
  });

  it.each([
    ['the admin key', 'authorization: Bearer test-admin-key-0123456789abcdef'],
    ['a minted key', 'key clk_0123456789abcdef_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef'],
    ['an email', '"identifiers":["jean.dupont@example.fr"]'],
    ['an encoded email', '/v1/decisions?email=jean%40example.fr'],
    ['an E.164 phone', '"phone":"+33612345678"'],
    ['a national phone', 'appelé au 06 12 34 56 78'],
  ])('finds %s', (_what, line) => {
    expect(auditLogs(clean + line, ['test-admin-key-0123456789abcdef'])).toHaveLength(1);
  });
});
