import { eventLabel, label, LANGUAGES } from './labels';

describe('console labels', () => {
  it('says everything in French and in English, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(LANGUAGES.en).sort()).toEqual(Object.keys(LANGUAGES.fr).sort());
    for (const key of Object.keys(LANGUAGES.fr) as Array<keyof typeof LANGUAGES.fr>) {
      expect(LANGUAGES.en[key].trim()).not.toBe('');
      expect(placeholders(LANGUAGES.en[key])).toEqual(placeholders(LANGUAGES.fr[key]));
    }
  });

  it('fills placeholders, and names an event type it has no label for as it is', () => {
    expect(label('en', 'timelineRange', { from: 1, to: 50, total: 10000 })).toBe(
      'Events 1 to 50 of 10000, newest first',
    );
    expect(eventLabel('fr', 'ConsentWithdrawn')).toBe('Consentement retiré');
    expect(eventLabel('en', 'SomethingNew')).toBe('SomethingNew');
  });
});
