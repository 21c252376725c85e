import { chooseStrategy, HASH_JOIN_MAX_DOCUMENTS } from './batch-plan';

describe('choosing how to answer a batch list', () => {
  const ledger = { subjects: 100_000, identifiers: 60_000 };

  it('looks subjects up for a list short against the ledger', () => {
    expect(chooseStrategy({ subjectRefs: 5_000, identifierRefs: 0 }, ledger, false)).toBe('keyed');
  });

  it('joins with scans for a list long against the ledger: in memory while the ledger fits, else on disk', () => {
    expect(chooseStrategy({ subjectRefs: 1_000_000, identifierRefs: 0 }, ledger, false)).toBe('hash');
    expect(chooseStrategy({ subjectRefs: 0, identifierRefs: 100_000 }, ledger, false)).toBe('hash');
    const large = { subjects: HASH_JOIN_MAX_DOCUMENTS, identifiers: 1 };
    expect(chooseStrategy({ subjectRefs: 5_000_000, identifierRefs: 0 }, large, false)).toBe('hash');
    expect(chooseStrategy({ subjectRefs: 5_000_000, identifierRefs: 1 }, large, false)).toBe('join');
  });

  it('counts the identifier index only when the list has emails or phones', () => {
    expect(chooseStrategy({ subjectRefs: 30_000, identifierRefs: 0 }, ledger, false)).toBe('hash');
    expect(chooseStrategy({ subjectRefs: 30_000, identifierRefs: 1 }, ledger, false)).toBe('keyed');
  });

  it('keeps lookups longer where $in is served from the index', () => {
    expect(chooseStrategy({ subjectRefs: 50_000, identifierRefs: 0 }, ledger, false)).toBe('hash');
    expect(chooseStrategy({ subjectRefs: 50_000, identifierRefs: 0 }, ledger, true)).toBe('keyed');
  });
});
