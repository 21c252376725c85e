import { logScrubber } from './scrub';

describe('logScrubber', () => {
  const scrub = logScrubber({ adminKey: 'admin-key-0123456789abcdef', hashKey: 'k'.repeat(32) });

  it('redacts the admin key, minted secrets and bearer credentials', () => {
    const text = scrub(
      'authorization: Bearer admin-key-0123456789abcdef; minted clk_AbC123_def-456XYZ; other Bearer abcdefgh.ijk',
    );
    expect(text).toBe('authorization: Bearer [redacted]; minted clk_[redacted]; other Bearer [redacted]');
  });

  it('replaces emails and phones by the same keyed hash wherever they appear, digits of offsets left', () => {
    const text = scrub(
      'email:Jane.Doe@example.fr and jane.doe@example.fr, phone:+33612345678 +33612345678 at 3:1795927474295',
    );
    const [email1, email2] = text.match(/email#[0-9a-f]{12}/g)!;
    const [phone1, phone2] = text.match(/phone#[0-9a-f]{12}/g)!;
    expect(email1).toBe(email2);
    expect(phone1).toBe(phone2);
    expect(text).not.toMatch(/example\.fr|612345678/);
    expect(text).toContain('at 3:1795927474295');
    // Another key, another hash: the hashes cannot be looked up without the key.
    expect(logScrubber({ hashKey: 'x'.repeat(32) })('jane.doe@example.fr')).not.toBe(email1);
  });

  it('hashes an email inside a URL without eating the URL around it', () => {
    expect(scrub('/v1/subjects?email=jane.doe@example.fr&x=1')).toMatch(
      /^\/v1\/subjects\?email=email#[0-9a-f]{12}&x=1$/,
    );
  });

  it('keeps the host of a connection string and drops its credentials', () => {
    expect(scrub('mongodb://ledger:s3cret@db.internal:27017/ledger')).toBe(
      'mongodb://[redacted]@db.internal:27017/ledger',
    );
  });
});
