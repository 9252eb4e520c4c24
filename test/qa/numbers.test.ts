import { describe, expect, it } from 'vitest';
import { checkNumbers, sourceNumbers, targetNumbers } from '../../src/qa/numbers.js';
import { LATVIAN_MONTHS } from '../../src/qa/numbers-data.js';

const surfaces = (source: string) => sourceNumbers(source).map((e) => e.surface);
const verdict = (source: string, target: string) => {
  const { missing, latvianNotation } = checkNumbers(source, target);
  return { missing: missing.map((e) => e.surface), format: latvianNotation.map((e) => e.surface) };
};
const ok = { missing: [], format: [] };

describe('Latvian number notation in the source', () => {
  it('reads decimal commas, percentages and space-grouped thousands', () => {
    expect(
      sourceNumbers('Oficiāli viņš vēlēšanās ieguva 80,1% balsu, bet Tihanovskai tika pieskaitīti tikai 10,1%.').map((e) => [
        e.surface,
        e.needs,
      ]),
    ).toEqual([
      ['80,1%', [['n:80.1']]],
      ['10,1%', [['n:10.1']]],
    ]);
    expect(sourceNumbers('Pēc neatkarīgu novērotāju aplēsēm ielās izgāja vairāk nekā 100 000 cilvēku.')[0]!.needs).toEqual([['n:100000']]);
    expect(sourceNumbers('Budžets pieauga līdz 1 250 000 eiro.')[0]!.needs).toEqual([['n:1250000']]);
    // a no-break space between groups, as word processors write it
    expect(sourceNumbers('Protestā piedalījās 150\u00A0000 cilvēku.')[0]!.needs).toEqual([['n:150000']]);
  });

  it('reads dates with the day, the month in any case form, and the year', () => {
    expect(sourceNumbers('Viļņa, 2020. gada 14. septembris.').map((e) => [e.surface, e.needs])).toEqual([
      ['2020', [['n:2020']]],
      ['14. septembris', [['n:14'], ['m:9']]],
    ]);
    expect(sourceNumbers('Protesti sākās 9.augustā, pēc vēlēšanām.')[0]!.needs).toEqual([['n:9'], ['m:8']]);
    expect(surfaces('Līdz 1. aprīļa beigām, no 3. janvāra līdz 28. februārim, sākot ar 5. martu.')).toEqual([
      '1. aprīļa',
      '3. janvāra',
      '28. februārim',
      '5. martu',
    ]);
    expect(sourceNumbers('Līgums parakstīts 14.09.2020.')[0]!.needs).toEqual([['n:14'], ['m:9'], ['n:2020']]);
  });

  it('knows every month in the five case forms a date uses', () => {
    const forms = LATVIAN_MONTHS.flatMap((m) => m.forms.map((form) => [form, m.month] as const));
    expect(forms).toHaveLength(60);
    for (const [form, month] of forms) expect(sourceNumbers(`Tas notika 7. ${form}.`)[0]!.needs, form).toEqual([['n:7'], [`m:${month}`]]);
    expect(LATVIAN_MONTHS.find((m) => m.month === 4)!.forms).toContain('aprīļa'); // l → ļ in the genitive
    expect(LATVIAN_MONTHS.find((m) => m.month === 9)!.forms).toContain('septembra'); // -bris does not alternate
  });

  it('takes ordinal years, decades, scale words and clock times', () => {
    expect(sourceNumbers('Lukašenko pie varas ir kopš 1994. gada.')[0]!.needs).toEqual([['n:1994']]);
    expect(sourceNumbers('90. gados valsts bija nabadzīga.')[0]!.needs[0]).toContain('n:1990');
    expect(sourceNumbers('Budžets ir 1,5 milj. eiro.')[0]!.needs).toEqual([['n:1.5', 'n:1500000']]);
    expect(sourceNumbers('Zaudējumi sasniedz 3 mljrd. eiro.')[0]!.needs).toEqual([['n:3', 'n:3000000000']]);
    expect(sourceNumbers('Iedzīvotāju skaits sarucis par 20 tūkstošiem.')[0]!.needs).toEqual([['n:20', 'n:20000']]);
    expect(sourceNumbers('Sapulce sāksies plkst. 14.30 Rīgas pilī.')[0]!.needs).toEqual([['t:14:30', 't:2:30', 'n:14.3']]);
  });
});

describe('numbers in the English translation', () => {
  it('reads English notation and keeps Latvian notation apart', () => {
    const found = targetNumbers('He received 80,1% of the votes; 150,000 people; 9th August 2020; 2.5 million; the 1990s; two children.');
    expect([...found.english]).toEqual(
      expect.arrayContaining(['n:80', 'n:1', 'n:150000', 'n:9', 'm:8', 'n:2020', 'n:2.5', 'n:2500000', 'n:1990', 'n:90', 'n:2']),
    );
    expect([...found.latvianNotation]).toEqual(expect.arrayContaining(['n:80.1', 'n:150']));
    expect(found.english.has('n:80.1')).toBe(false);
  });

  it('reads "May" and "March" as months only when capitalised', () => {
    expect(targetNumbers('Prices may march on.').english.has('m:5')).toBe(false);
    expect(targetNumbers('On 1 May and 3 March.').english).toEqual(new Set(['n:1', 'm:5', 'n:3', 'm:3']));
  });
});

describe('checkNumbers on real sentences', () => {
  it('accepts the English renderings of Latvian notation', () => {
    expect(
      verdict(
        'Oficiāli viņš vēlēšanās ieguva 80,1% balsu, bet Tihanovskai tika pieskaitīti tikai 10,1%.',
        'Officially he won 80.1% of the vote, while Tsikhanouskaya was credited with only 10.1%.',
      ),
    ).toEqual(ok);
    expect(
      verdict('Pēc aplēsēm ielās izgāja vairāk nekā 150 000 cilvēku.', 'By estimates more than 150,000 people took to the streets.'),
    ).toEqual(ok);
    expect(
      verdict('Pēc aplēsēm ielās izgāja vairāk nekā 150 000 cilvēku.', 'By estimates more than 150000 people took to the streets.'),
    ).toEqual(ok);
    expect(verdict('Protesti sākās 9.augustā.', 'The protests began on 9 August.')).toEqual(ok);
    expect(verdict('Protesti sākās 9.augustā.', 'The protests began on August 9.')).toEqual(ok);
    expect(verdict('Protesti sākās 9. augustā.', 'The protests began on the 9th of August.')).toEqual(ok);
    expect(verdict('Lukašenko pie varas ir kopš 1994. gada.', 'Lukashenko has been in power since 1994.')).toEqual(ok);
    expect(verdict('Viļņa, 2020. gada 14. septembris.', 'Vilnius, 14 September 2020.')).toEqual(ok);
    expect(verdict('Viļņa, 2020. gada 14. septembris.', 'Vilnius, September 14, 2020.')).toEqual(ok);
    expect(verdict('Budžets ir 1,5 milj. eiro.', 'The budget is 1.5 million euros.')).toEqual(ok);
    expect(verdict('Budžets ir 1,5 milj. eiro.', 'The budget is EUR 1,500,000.')).toEqual(ok);
    expect(verdict('Sapulce sāksies plkst. 14.30.', 'The meeting starts at 2.30 pm.')).toEqual(ok);
    expect(verdict('Sapulce sāksies plkst. 14.30.', 'The meeting starts at 14:30.')).toEqual(ok);
    expect(verdict('Līgums parakstīts 14.09.2020.', 'The agreement was signed on 14 September 2020.')).toEqual(ok);
    expect(verdict('90. gados valsts bija nabadzīga.', 'In the 1990s the country was poor.')).toEqual(ok);
    expect(verdict('Viņam ir 2 bērni un 3 mazbērni.', 'He has two children and three grandchildren.')).toEqual(ok);
    expect(verdict('Pirmā vieta 1. kārtā.', 'First place in round 1.')).toEqual(ok);
  });

  it('flags numbers left in Latvian notation', () => {
    expect(
      verdict(
        'Oficiāli viņš vēlēšanās ieguva 80,1% balsu, bet Tihanovskai tika pieskaitīti tikai 10,1%.',
        'Officially he in the election received 80,1% of the votes, but only 10.1%.',
      ),
    ).toEqual({ missing: [], format: ['80,1%'] });
    expect(verdict('Pēc aplēsēm ielās izgāja vairāk nekā 100 000 cilvēku.', 'More than 100 000 people went out into the streets.')).toEqual(
      { missing: [], format: ['100 000'] },
    );
  });

  it('flags numbers and dates the translation lost or changed', () => {
    expect(
      verdict('Iekšlietu ministrija ziņoja par 774 aizturētajiem.', 'The Ministry of Internal Affairs reported 74 detainees.').missing,
    ).toEqual(['774']);
    expect(verdict('Viļņa, 2020. gada 14. septembris.', 'Vilnius, 2020.').missing).toEqual(['14. septembris']);
    expect(verdict('Protesti sākās 9.augustā.', 'The protests began on 9 July.').missing).toEqual(['9.augustā']);
    expect(verdict('Oficiāli viņš ieguva 80,1% balsu.', 'Officially he received 81% of the votes.').missing).toEqual(['80,1%']);
    expect(verdict('Lietuva noteica aizliegumu vēl 29 amatpersonām.', 'Lithuania imposed a ban on other officials.').missing).toEqual([
      '29',
    ]);
  });

  it('compares telephone numbers digit by digit, not as thousands', () => {
    expect(sourceNumbers('Zvaniet pa tālr. 67 123 456 vai +371 29 123 456.').map((e) => [e.surface, e.needs])).toEqual([
      ['67 123 456', [['d:67123456']]],
      ['+371 29 123 456', [['d:37129123456']]],
    ]);
    expect(verdict('Zvaniet pa tālr. 67 123 456 vai +371 29 123 456.', 'Call 67 123 456 or +371 29123456.')).toEqual(ok);
    expect(verdict('Zvaniet pa tālr. 67 123 456.', 'Call 67 123 465.').missing).toEqual(['67 123 456']);
    expect(sourceNumbers('Budžetā ir 20 000 000 eiro.')[0]!.needs).toEqual([['n:20000000']]);
  });

  it('has nothing to say about a sentence without numbers', () => {
    expect(
      verdict('Tihanovska aicina Eiropu neatzīt Lukašenko uzvaru', 'Tsikhanouskaya urges Europe not to recognise the victory'),
    ).toEqual(ok);
  });
});
