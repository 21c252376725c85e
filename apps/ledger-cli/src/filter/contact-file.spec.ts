import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_RECORD_CHARS, readContacts } from './contact-file';

describe('reading a contact file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contacts-'));

  it('stops at a CSV record longer than the bound instead of buffering it', async () => {
    const path = join(dir, 'huge.csv');
    writeFileSync(path, `email\na@b.fr\n"${'x'.repeat(MAX_RECORD_CHARS + 10)}"\n`);
    const read = async () => {
      for await (const contact of readContacts(path, 'csv', () => undefined)) void contact;
    };
    await expect(read()).rejects.toMatchObject({ code: 'CSV_MAX_RECORD_SIZE' });
  });

  it('reads ordinary rows', async () => {
    const path = join(dir, 'ok.csv');
    writeFileSync(path, 'email\na@b.fr\n');
    const rows = [];
    for await (const contact of readContacts(path, 'csv', () => undefined)) rows.push(contact.row);
    expect(rows).toEqual([{ email: 'a@b.fr' }]);
  });
});
