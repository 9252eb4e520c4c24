import { describe, expect, it } from 'vitest';
import { generateForms, paradigm } from '../../src/glossary/index.js';
import { alternate } from '../../src/glossary/latvian/alternation.js';
import { vocativeForm } from '../../src/glossary/latvian/vocative.js';

describe('Latvian declension', () => {
  it.each([
    ['Tihanovska', ['Tihanovska', 'Tihanovskas', 'Tihanovskai', 'Tihanovsku', 'Tihanovskā']],
    ['Bačeleta', ['Bačeleta', 'Bačeletas', 'Bačeletai', 'Bačeletu', 'Bačeletā']],
    ['Putins', ['Putins', 'Putina', 'Putinam', 'Putinu', 'Putinā']],
    ['Kremlis', ['Kremlis', 'Kremļa', 'Kremlim', 'Kremli', 'Kremlī', 'Kremļi', 'Kremļu', 'Kremļiem', 'Kremļus', 'Kremļos']],
    ['Filipīnas', ['Filipīnas', 'Filipīnu', 'Filipīnām', 'Filipīnās']],
    ['tirgus', ['tirgus', 'tirgum', 'tirgu', 'tirgū', 'tirgi', 'tirgiem', 'tirgos']],
    ['Kalniņš', ['Kalniņš', 'Kalniņa', 'Kalniņam', 'Kalniņu', 'Kalniņā']],
    ['egle', ['egle', 'egles', 'eglei', 'egli', 'eglē', 'egļu', 'eglēm', 'eglēs']],
    ['pils', ['pils', 'pilij', 'pili', 'pilī', 'pilis', 'piļu', 'pilīm', 'pilīs']],
  ])('inflects %s', (lemma, expected) => {
    expect(generateForms(lemma)).toEqual(expect.arrayContaining(expected));
  });

  it('forms the bare-stem vocative of masculine 1st declension person names only', () => {
    expect(vocativeForm('Putins', { type: 'person' })).toBe('Putin');
    expect(vocativeForm('Kalniņš', { type: 'person' })).toBe('Kalniņ');
    expect(vocativeForm('Vladimirs Putins', { type: 'person' })).toBe('Vladimir Putin');
    // Vocative = nominative or accusative (generated anyway), or not a person.
    expect(vocativeForm('Tihanovska', { type: 'person' })).toBeUndefined();
    expect(vocativeForm('Lukašenko', { type: 'person' })).toBeUndefined();
    expect(vocativeForm('Jānis', { type: 'person' })).toBeUndefined();
    expect(vocativeForm('Kremlis', { type: 'place' })).toBeUndefined();
    expect(vocativeForm('Putins')).toBeUndefined();
  });

  it('keeps indeclinable names and acronyms as they are', () => {
    expect(generateForms('Lukašenko')).toEqual(['Lukašenko']);
    expect(generateForms('Tokio')).toEqual(['Tokio']);
    expect(generateForms('ANO')).toEqual(['ANO']);
    expect(generateForms('ES')).toEqual(['ES']);
  });

  it.each([
    ['Kreml', 'Kremļ'],
    ['Jān', 'Jāņ'],
    ['lāc', 'lāč'],
    ['bried', 'briež'],
    ['zut', 'zuš'],
    ['Ans', 'Anš'],
    ['ez', 'ež'],
    ['gulb', 'gulbj'],
    ['kurm', 'kurmj'],
    ['skap', 'skapj'],
    ['Dāv', 'Dāvj'],
    ['zvaigzn', 'zvaigžņ'],
    ['kāpsl', 'kāpšļ'],
    ['kast', 'kast'],
    ['brazd', 'brazd'],
    ['Pēter', 'Pēter'],
    ['KREML', 'KREMĻ'],
  ])('alternates %s → %s', (stem, softened) => {
    expect(alternate(stem)).toBe(softened);
  });

  it('applies the known exceptions to alternation', () => {
    expect(generateForms('tētis')).toContain('tēta');
    expect(generateForms('viesis')).toContain('viesa');
    expect(generateForms('Atis')).toContain('Ata');
    expect(generateForms('mute')).toContain('mutu');
    expect(generateForms('valsts')).toContain('valstu');
    expect(generateForms('acs')).toContain('acu');
    expect(generateForms('sirds')).toContain('siržu');
    expect(generateForms('nakts')).toContain('nakšu');
    expect(generateForms('zeme')).toContain('zemju');
    expect(generateForms('akmens')).toEqual(expect.arrayContaining(['akmens', 'akmenim', 'akmeņi', 'akmeņu']));
    expect(generateForms('suns')).toContain('suņa');
  });

  it('declines a compound like its last part when that part is an exception', () => {
    expect(generateForms('robežakmens')).toEqual(expect.arrayContaining(['robežakmens', 'robežakmenim', 'robežakmeņi', 'robežakmeņu']));
    expect(generateForms('minerālūdens')).toContain('minerālūdenim');
    expect(generateForms('sargsuns')).toContain('sargsuņa');
    expect(generateForms('kūrviesis')).toContain('kūrviesa');
    // One letter before is no compound: kviesis (wheat) softens.
    expect(generateForms('kviesis')).toContain('kvieša');
  });

  it('recognises 6th declension feminine nouns and their compounds', () => {
    expect(paradigm('Daugavpils').words[0]?.description).toMatch(/6th/);
    expect(generateForms('dalībvalsts')).toEqual(expect.arrayContaining(['dalībvalstij', 'dalībvalstu']));
  });

  it('lets a hint override the shape of the lemma', () => {
    expect(generateForms('Cēsis', { declension: 6, number: 'plural' })).toEqual(['Cēsis', 'Cēsu', 'Cēsīm', 'Cēsīs']);
    expect(generateForms('Helsinki', { declension: 1, number: 'plural' })).toEqual(expect.arrayContaining(['Helsinku', 'Helsinkos']));
    expect(generateForms('puika', { gender: 'masculine' })).toContain('puikam');
    expect(generateForms('Putins', { number: 'singular' })).not.toContain('Putini');
    expect(generateForms('Lukašenko', { declension: 'indeclinable' })).toEqual(['Lukašenko']);
  });

  describe('lemmas in -i are masculine plurals', () => {
    it.each([
      ['Talsi', ['Talsu', 'Talsiem', 'Talsus', 'Talsos']],
      ['Limbaži', ['Limbažu', 'Limbažiem', 'Limbažus', 'Limbažos']],
      ['Ropaži', ['Ropažiem']],
      ['Ādaži', ['Ādažus']],
      ['Saulkrasti', ['Saulkrastos']],
      ['Jāņi', ['Jāņu', 'Jāņos']],
      ['vecāki', ['vecāku', 'vecākiem', 'vecākus']],
      ['svētki', ['svētkos']],
      ['Helsinki', ['Helsinkos']],
      ['Apvienotie Arābu Emirāti', ['Apvienotajos Arābu Emirātos']],
    ])('%s', (lemma, expected) => {
      const forms = generateForms(lemma);
      expect(forms).toEqual(expect.arrayContaining(expected));
      // Plural only: no singular is made up.
      expect(paradigm(lemma).cells.every((c) => c.number === 'plural')).toBe(true);
    });

    it('keeps a person name in -i, and a lemma hinted indeclinable, as it is', () => {
      expect(generateForms('Berluskoni', { type: 'person' })).toEqual(['Berluskoni']);
      expect(generateForms('Haiti', { type: 'place', declension: 'indeclinable' })).toEqual(['Haiti']);
      expect(generateForms('Mali', { declension: 'indeclinable' })).toEqual(['Mali']);
    });
  });

  it('declines reflexive nouns in -šanās (four case forms, no dative or locative)', () => {
    const p = paradigm('mazgāšanās');
    const cell = (c: string, n: string) => p.cells.filter((x) => x.case === c && x.number === n).map((x) => x.form);
    expect(cell('nominative', 'singular')).toEqual(['mazgāšanās']);
    expect(cell('genitive', 'singular')).toEqual(['mazgāšanās']);
    expect(cell('accusative', 'singular')).toEqual(['mazgāšanos']);
    expect(cell('dative', 'singular')).toEqual([]);
    expect(cell('locative', 'singular')).toEqual([]);
    expect(cell('genitive', 'plural')).toEqual(['mazgāšanos']);
    expect(new Set(generateForms('iepazīšanās'))).toEqual(new Set(['iepazīšanās', 'iepazīšanos']));
    expect(generateForms('Tikšanās', { type: 'term' })).toContain('Tikšanos');
  });

  describe('6th declension', () => {
    it.each([
      ['govs', ['govij', 'govju', 'govīm']],
      ['zivs', ['zivij', 'zivju']],
      ['avs', ['avij', 'avju']],
      ['smilts', ['smiltij', 'smilšu']],
      ['klints', ['klintij', 'klinšu']],
      ['drāts', ['drātij', 'drātu']],
      ['ass', ['asij', 'asu']],
      ['haizivs', ['haizivij', 'haizivju']],
      ['cepeškrāsns', ['cepeškrāsnij', 'cepeškrāšņu']],
      ['jāņuguns', ['jāņugunij', 'jāņuguņu']],
      ['sirds', ['sirdij', 'siržu']],
      ['cūkkūts', ['cūkkūtij', 'cūkkūtu']],
    ])('%s', (lemma, expected) => {
      expect(paradigm(lemma).words[0]?.description).toMatch(/6th/);
      expect(generateForms(lemma)).toEqual(expect.arrayContaining(expected));
    });

    it('keeps masculine nouns that end like a 6th declension noun masculine', () => {
      for (const lemma of ['atlass', 'kvadrāts', 'astronauts', 'spirts', 'čuguns', 'deguns', 'galvaskauss', 'bloknots', 'takts']) {
        expect(paradigm(lemma).words[0]?.description, lemma).toMatch(/1st/);
      }
    });

    it('matches both genitive plurals where grammars and the dictionary differ', () => {
      expect(generateForms('dzelzs')).toEqual(expect.arrayContaining(['dzelzu', 'dzelžu']));
      expect(generateForms('asins')).toEqual(expect.arrayContaining(['asinu', 'asiņu']));
      expect(generateForms('nakts')).not.toContain('naktu');
      expect(generateForms('valsts')).not.toContain('valšu');
    });

    it('reads plural-only -is nouns and their compounds, but not a name in -is', () => {
      expect(generateForms('durvis')).toEqual(['durvis', 'durvju', 'durvīm', 'durvīs']);
      expect(generateForms('ārdurvis')).toContain('ārdurvju');
      expect(generateForms('ļaudis')).toContain('ļaudīm');
      expect(generateForms('zintis')).toContain('zinšu');
      expect(generateForms('Zintis')).toEqual(expect.arrayContaining(['Zinta', 'Zintim']));
    });
  });

  it('follows the dictionary where -kst and -atis alternate or not', () => {
    expect(generateForms('sacīkstes')).toContain('sacīkšu');
    expect(generateForms('plekste')).toContain('plekšu');
    expect(generateForms('kaste')).toContain('kastu');
    expect(generateForms('tālskatis')).toEqual(expect.arrayContaining(['tālskata', 'tālskati']));
    expect(generateForms('Atis')).not.toContain('Aša');
    expect(generateForms('Aldis')).toEqual(expect.arrayContaining(['Alda', 'Alža']));
  });

  it('forms the vocative of diminutive person names', () => {
    expect(vocativeForm('Jānītis', { type: 'person' })).toBe('Jānīt');
    expect(vocativeForm('Anniņa', { type: 'person' })).toBe('Anniņ');
    expect(vocativeForm('Rūsiņš', { type: 'person' })).toBe('Rūsiņ');
    expect(vocativeForm('Anna', { type: 'person' })).toBeUndefined();
    expect(vocativeForm('Pēteris', { type: 'person' })).toBeUndefined();
  });

  describe('multiword terms', () => {
    it('inflects agreeing first names with the surname', () => {
      expect(generateForms('Svetlana Tihanovska')).toEqual(
        expect.arrayContaining(['Svetlanas Tihanovskas', 'Svetlanai Tihanovskai', 'Svetlanu Tihanovsku', 'Svetlanā Tihanovskā']),
      );
      expect(generateForms('Vladimirs Putins', { type: 'person' })).toEqual(
        expect.arrayContaining(['Vladimira Putina', 'Vladimiram Putinam']),
      );
      expect(generateForms('Nikita Mihalkovs', { type: 'person' })).toContain('Nikitam Mihalkovam');
    });

    it('keeps genitive modifiers and acronyms fixed', () => {
      expect(generateForms('ANO Cilvēktiesību padome')).toEqual(
        expect.arrayContaining(['ANO Cilvēktiesību padomes', 'ANO Cilvēktiesību padomei', 'ANO Cilvēktiesību padomē']),
      );
      expect(generateForms('Iekšlietu ministrija')).toEqual(
        expect.arrayContaining(['Iekšlietu ministrijai', 'Iekšlietu ministrijas', 'Iekšlietu ministrijā']),
      );
      expect(generateForms('Eiropas Savienība')).toEqual(expect.arrayContaining(['Eiropas Savienības', 'Eiropas Savienībai']));
      expect(generateForms('Eiropas Savienība').every((f) => f.startsWith('Eiropas '))).toBe(true);
    });

    it('declines definite adjectives', () => {
      expect(generateForms('Apvienotā Karaliste')).toEqual(
        expect.arrayContaining(['Apvienotās Karalistes', 'Apvienotajai Karalistei', 'Apvienotajā Karalistē']),
      );
      expect(generateForms('Baltais nams')).toEqual(expect.arrayContaining(['Baltā nama', 'Baltajam namam', 'Baltajā namā']));
      expect(generateForms('Apvienotie Arābu Emirāti')).toEqual(
        expect.arrayContaining(['Apvienoto Arābu Emirātu', 'Apvienotajos Arābu Emirātos']),
      );
      expect(generateForms('Vecais')).toEqual(expect.arrayContaining(['Vecā', 'Vecajam']));
    });

    it('declines a first name before an indeclinable surname', () => {
      expect(generateForms('Jūlija Timošenko', { type: 'person' })).toEqual(
        expect.arrayContaining(['Jūlijas Timošenko', 'Jūlijai Timošenko']),
      );
    });

    it('keeps 6th declension and typed genitive modifiers fixed', () => {
      expect(generateForms('Valsts policija')).toEqual(expect.arrayContaining(['Valsts policijai', 'Valsts policijas']));
      expect(generateForms('Valsts prezidents')).toContain('Valsts prezidentam');
      expect(generateForms('Putina režīms', { type: 'term' })).toContain('Putina režīmam');
      expect(generateForms('Jāņa nams')).toContain('Jāņa namam');
      expect(generateForms('Angela Merkele')).toContain('Angelai Merkelei');
      expect(generateForms('Donalds Tramps')).toContain('Donaldam Trampam');
    });

    it('declines place names in -i as masculine plurals', () => {
      expect(generateForms('Soči', { type: 'place' })).toEqual(expect.arrayContaining(['Soču', 'Sočos']));
      expect(generateForms('Berluskoni', { type: 'person' })).toEqual(['Berluskoni']);
    });

    it('keeps a plural-only word before a singular head fixed', () => {
      expect(generateForms('Ho Ši Mins', { type: 'person' })).toEqual(expect.arrayContaining(['Ho Ši Mina', 'Ho Ši Minam']));
      expect(generateForms('Ho Ši Mins')).toContain('Ho Ši Mina');
    });

    it('declines a reflexive noun before the head as a fixed genitive', () => {
      expect(generateForms('iepazīšanās vizīte')).toEqual(expect.arrayContaining(['iepazīšanās vizītei', 'iepazīšanās vizītē']));
    });

    it('combines the spellings of every word that has two', () => {
      expect(generateForms('Aldis Gobzems', { type: 'person' })).toEqual(
        expect.arrayContaining(['Alda Gobzema', 'Alža Gobzema', 'Aldim Gobzemam']),
      );
    });

    it('honours fixed words', () => {
      expect(generateForms('Rīgas pils', { fixed: ['Rīgas'] })).toEqual(expect.arrayContaining(['Rīgas pilij', 'Rīgas pilī']));
    });

    it('describes how each word was read', () => {
      const p = paradigm('ANO Cilvēktiesību padome');
      expect(p.words.map((w) => w.role)).toEqual(['fixed', 'fixed', 'head']);
      expect(p.cells.find((c) => c.case === 'dative' && c.number === 'singular')?.form).toBe('ANO Cilvēktiesību padomei');
    });
  });
});
