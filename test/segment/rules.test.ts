/**
 * One concept per module in src/segment/rules: each is tested directly and through
 * segment() with real Latvian sentences.
 */
import { describe, expect, it } from 'vitest';
import { LIST_END, NEVER_FINAL, UNIT, classifyAbbreviation } from '../../src/segment/rules/abbreviations.js';
import { isAcronym, isKnownAcronym } from '../../src/segment/rules/acronyms.js';
import { isBoilerplate, boilerplatePrefixLength, boilerplateSuffixStart } from '../../src/segment/rules/boilerplate.js';
import { isLowercaseSentenceOpener } from '../../src/segment/rules/brands.js';
import { isDateWord, isMonthWord, isYearWord } from '../../src/segment/rules/dates.js';
import { initialContinues, isInitialToken, isLabelledLetter } from '../../src/segment/rules/initials.js';
import { startsWithListMarker } from '../../src/segment/rules/lists.js';
import { ordinalContinues } from '../../src/segment/rules/ordinals.js';
import { stripQuotes } from '../../src/segment/rules/quotes.js';
import { isSentenceStarter } from '../../src/segment/rules/starters.js';
import { isUrlOrEmail } from '../../src/segment/rules/urls.js';
import { segment } from '../../src/segment/index.js';
import { boilerplate, sentences } from './helpers.js';

describe('abbreviations', () => {
  it('keeps each abbreviation in exactly one class, written as a lower-case key', () => {
    const all = [...NEVER_FINAL, ...LIST_END, ...UNIT];
    expect(new Set(all).size).toBe(all.length);
    for (const a of all) expect(a, a).toBe(a.toLocaleLowerCase('lv').replace(/\s/gu, ''));
  });

  it('classifies never-final, list-end and unit abbreviations', () => {
    for (const a of ['plkst', 'prof', 'piem', 't.i', 't.sk', 'sk', 'nr', 'sv', 'dr', 'apm', 'rež', 'zv', 'adv', 'tel']) {
      expect(classifyAbbreviation(a), a).toBe('never-final');
    }
    for (const a of ['utt', 'u.c', 'u.tml', 'v.tml']) expect(classifyAbbreviation(a), a).toBe('list-end');
    for (const a of ['proc', 'g', 'gs', 'lpp', 'milj', 'tūkst', 'mljrd', 'min', 'sek', 'kv.m', 'val', 'iel', 'sēj']) {
      expect(classifyAbbreviation(a), a).toBe('unit');
    }
  });

  it('treats vowel-less lower-case words and single letters as abbreviations, ordinary words as words', () => {
    expect(classifyAbbreviation('vsk')).toBe('never-final');
    expect(classifyAbbreviation('b')).toBe('never-final');
    expect(classifyAbbreviation('gab', true)).toBe('unit');
    expect(classifyAbbreviation('t', true)).toBe('unit');
    for (const w of ['beigām', 'gadā', 'viņš', 'ir', 'eiro']) expect(classifyAbbreviation(w), w).toBeNull();
  });

  it('never splits after an abbreviation that qualifies what follows', () => {
    expect(sentences('Koncerta sākums plkst. 19.00. Ieeja bez maksas.')).toEqual(['Koncerta sākums plkst. 19.00.', 'Ieeja bez maksas.']);
    expect(sentences('Lekciju lasīs prof. Ivars Liepa un Dr. med. Anna Ozola.')).toHaveLength(1);
    expect(sentences('Daudzas nozares, piem. Tūrisms, cieta. Tas ir skaidrs.')).toHaveLength(2);
    expect(sentences('Atbalstu saņems visi, t.i. Rīgas un Pierīgas iedzīvotāji.')).toHaveLength(1);
    expect(sentences('Dievkalpojums notiks Sv. Jēkaba katedrālē.')).toHaveLength(1);
    expect(sentences('Tiesa izskatīja lietu Nr. 12. Tā bija sarežģīta.')).toHaveLength(2);
    expect(sentences('Jaunā tilta būvniecība izmaksās ca. 40 milj. eiro. Darbi sāksies pavasarī.')).toEqual([
      'Jaunā tilta būvniecība izmaksās ca. 40 milj. eiro.',
      'Darbi sāksies pavasarī.',
    ]);
  });

  it('splits after abbreviations that end a list or a quantity when a new sentence follows', () => {
    expect(sentences('Tirgū pārdeva medu, sieru u.c. Pircēju bija daudz.')).toHaveLength(2);
    expect(sentences('Tirgū pārdeva medu, sieru u. c. Pircēju bija daudz.')).toHaveLength(2);
    expect(sentences('Veikalā ir maize, piens utt. Cenas ir zemas.')).toHaveLength(2);
    expect(sentences('Cenas pieauga par 5 proc. Tas ir daudz.')).toHaveLength(2);
    expect(sentences('Ēka celta 19. gs. Vēlāk to pārbūvēja.')).toHaveLength(2);
    expect(sentences('Grāmata ir tikai angļu val. Tulkojums iznāks vēlāk.')).toHaveLength(2);
    expect(sentences('Apsūdzība celta pēc KL 195. p. Draud cietumsods.')).toHaveLength(2);
    expect(sentences('Platība ir 54 kv. m. Dzīvoklis ir renovēts.')).toHaveLength(2);
  });

  it('keeps a quantity abbreviation with the currency or number after it', () => {
    expect(sentences('Izmaksas ir 2 milj. EUR apmērā.')).toHaveLength(1);
    expect(sentences('Darījums sasniedza 5 tūkst. ASV dolāru.')).toHaveLength(1);
    expect(sentences('Likums pieņemts 1994. g. 15. jūnijā.')).toHaveLength(1);
    expect(sentences('Līgums parakstīts 15. sept. 2020. gadā Rīgā.')).toHaveLength(1);
    expect(sentences('Pieteikumam jāpievieno īres līgums u.c. dokumenti.')).toHaveLength(1);
  });

  it('keeps a quantity with the capitalised genitive and counted noun after it', () => {
    expect(sentences('Programmā piedalījās 4 tūkst. Latvijas skolēnu. Nākamgad to plāno paplašināt.')).toEqual([
      'Programmā piedalījās 4 tūkst. Latvijas skolēnu.',
      'Nākamgad to plāno paplašināt.',
    ]);
    expect(sentences('Akcijā iesaistījās 15 tūkst. Rīgas vidusskolu skolēnu, un tā turpināsies.')).toHaveLength(1);
    expect(sentences('Kredītos izsniegti 2 milj. Eiropas fondu līdzekļu.')).toHaveLength(1);
    // A clause with a verb after the quantity is a new sentence.
    expect(sentences('Tūristu skaits sasniedza 120 tūkst. Latvijas viesnīcas bija pilnas.')).toHaveLength(2);
    expect(sentences('Tūristu skaits sasniedza 120 tūkst. Šogad tas būs lielāks.')).toHaveLength(2);
  });

  it('reads ALL-CAPS headlines in lower case, but not acronyms', () => {
    expect(sentences('KONCERTS SĀKSIES PLKST. 20.00')).toHaveLength(1);
    expect(sentences('Deklarāciju iesniedz VID. Termiņš ir jūnijs.')).toHaveLength(2);
  });
});

describe('dates', () => {
  it('knows every case form of the months', () => {
    for (const w of [
      'janvāris',
      'janvāra',
      'janvārim',
      'janvāri',
      'janvārī',
      'marts',
      'martā',
      'maijs',
      'maijam',
      'augustā',
      'septembrī',
      'SEPTEMBRĪ',
      'Oktobra',
      'decembrim',
      'jūnijs',
      'jūlijā',
      'februārī',
      'novembrim',
    ]) {
      expect(isMonthWord(w), w).toBe(true);
    }
    for (const w of ['mārtiņš', 'maiss', 'augusts2', 'septiņi', 'Jūlija']) {
      // "Jūlija" is also a first name; as a word after "13." it is the month, which is fine.
      if (w !== 'Jūlija') expect(isMonthWord(w), w).toBe(false);
    }
  });

  it('knows every case form of gads and gadsimts', () => {
    for (const w of ['gads', 'gada', 'gadam', 'gadu', 'gadā', 'gadi', 'gadiem', 'gadus', 'gados', 'GADA'])
      expect(isYearWord(w), w).toBe(true);
    for (const w of ['gadsimts', 'gadsimta', 'gadsimtam', 'gadsimtu', 'gadsimtā', 'gadsimtos']) expect(isDateWord(w), w).toBe(true);
    expect(isYearWord('gadījums')).toBe(false);
  });

  it('does not split inside dates in any notation', () => {
    for (const t of [
      'Neatkarība atjaunota 1990. gada 4. maijā Rīgā.',
      'Vēlēšanas notika 9.augustā, un protesti sākās uzreiz.',
      'Lukašenko pie varas ir kopš 1994.gada.',
      'Termiņš ir 13.09.2020. plkst. 12.00.',
      'Rīkojums stājas spēkā 01.10.2020. un ir spēkā mēnesi.',
      'Tas notika 20. gadsimtā.',
      'SVĒTKI NOTIKS 2020. GADA 18. NOVEMBRĪ',
    ]) {
      expect(sentences(t), t).toEqual([t]);
    }
  });
});

describe('ordinals', () => {
  it('continues a sentence before lower-case words, date words and numbered names', () => {
    expect(ordinalContinues('vietu', 'vietu, bet')).toBe(true);
    expect(ordinalContinues('Saeima', 'Saeima.')).toBe(true);
    expect(ordinalContinues('Starptautiskais', 'Starptautiskais festivāls')).toBe(true);
    expect(ordinalContinues('Eiropas', 'Eiropas spēles')).toBe(true);
    expect(ordinalContinues('Valsts', 'Valsts ģimnāzija')).toBe(true);
    expect(ordinalContinues('GADA', 'GADA 13. SEPTEMBRĪ')).toBe(true);
  });

  it('ends a sentence when the number was its last word', () => {
    expect(ordinalContinues('Abām', 'Abām tas ir')).toBe(false);
    expect(ordinalContinues('Latvijas', 'Latvijas izlasei tas')).toBe(false);
    expect(sentences('Viņa ieņēma 4. vietu, bet biedrene – 11. Abām tas ir rekords.')).toHaveLength(2);
    expect(sentences('Vēlēšanās ievēlēta 14. Saeima. Kandidātu bija daudz.')).toHaveLength(2);
    expect(sentences('Likumu izstrādāja 12. Saeimas deputāti.')).toHaveLength(1);
  });

  it('treats roman numerals like numbers', () => {
    expect(sentences('Grāmata veltīta karalim Kārlim XII. Viņš valdīja ilgi.')).toHaveLength(2);
    expect(sentences('Tas notika XVI. gadsimtā.')).toHaveLength(1);
  });
});

describe('initials', () => {
  it('recognises initials', () => {
    for (const t of ['A', 'Ā', 'Ģ', 'Dž', 'Ch', 'J.K']) expect(isInitialToken(t), t).toBe(true);
    for (const t of ['Jā', 'ES', 'a']) expect(isInitialToken(t), t).toBe(false);
  });

  it('keeps initials with their surname', () => {
    expect(initialContinues('treneris', 'Bērziņš')).toBe(true);
    expect(sentences('Treneris A. Bērziņš atzina zaudējumu.')).toHaveLength(1);
    expect(sentences('Grāmatu sarakstīja J. Kalniņš un M. R. Lāce.')).toHaveLength(1);
    expect(sentences('ASV prezidents Dž. Baidens tikās ar M. Bačeletu.')).toHaveLength(1);
    expect(sentences('K. Valdemārs dzimis Vecsalacā.')).toHaveLength(1);
    expect(sentences('LEKCIJU LASĪS PROF. A. KALNS')).toHaveLength(1);
    expect(sentences('Avārijā cieta A. K. (45 g. v.), kurš nogādāts slimnīcā.')).toHaveLength(1);
  });

  it('ends a sentence after a letter that names something, or before a sentence opener', () => {
    expect(isLabelledLetter('grupā')).toBe(true);
    expect(isLabelledLetter('kategorija')).toBe(true);
    expect(isLabelledLetter('treneris')).toBe(false);
    expect(sentences('Latvija spēlēs grupā B. Pretinieki ir spēcīgi.')).toHaveLength(2);
    expect(sentences('Ārsti iesaka vitamīnu D. Tas stiprina imunitāti.')).toHaveLength(2);
    expect(sentences('Gols guva R. Bukarts un M. Džeriņš. Tā bija uzvara.')).toHaveLength(2);
  });
});

describe('sentence starters', () => {
  it('knows typical openers in any case', () => {
    for (const w of ['Tas', 'Viņš', 'Taču', 'Savukārt', 'Šogad', 'TOMĒR']) expect(isSentenceStarter(w), w).toBe(true);
    for (const w of ['Bērziņš', 'Latvija', 'Ozols']) expect(isSentenceStarter(w), w).toBe(false);
  });
});

describe('acronyms', () => {
  it('recognises acronyms and ends sentences after them', () => {
    for (const a of ['ANO', 'ES', 'NATO', 'LR', 'ASV', 'KNAB']) expect(isAcronym(a), a).toBe(true);
    expect(isKnownAcronym('PLKST')).toBe(false);
    expect(sentences('Lēmumu atbalstīja arī ASV. Pret balsoja Krievija.')).toHaveLength(2);
    expect(sentences('Latvija ir ES un NATO dalībvalsts. ANO to atzīst.')).toHaveLength(2);
    expect(sentences('LR Saeima pieņēma likumu.')).toHaveLength(1);
  });

  it('ends sentences after unlisted vowel-less acronyms, which are not lower-case abbreviations', () => {
    expect(sentences('Aptauju veica pētījumu centrs SKDS. (Rezultāti publicēti pielikumā.)')).toEqual([
      'Aptauju veica pētījumu centrs SKDS.',
      '(Rezultāti publicēti pielikumā.)',
    ]);
    expect(sentences('Paziņojumu izplatīja LTRK. Tirgotāji to vērtē atzinīgi.')).toHaveLength(2);
    expect(sentences('Cietušo nogādāja NMPD. Viņa dzīvībai briesmas nedraud.')).toHaveLength(2);
    // A known abbreviation written in capitals is still one.
    expect(sentences('IZSTĀDE ATVĒRTA NO PLKST. 10 LĪDZ 18')).toHaveLength(1);
    expect(sentences('PĀRMAIŅAS SKAIDROS PROF. KALNS')).toHaveLength(1);
  });
});

describe('quotes', () => {
  it('strips quotes and brackets', () => {
    expect(stripQuotes('„ideālas”')).toBe('ideālas');
    expect(stripQuotes('«Mēs')).toBe('Mēs');
    expect(stripQuotes('(ES)')).toBe('ES');
  });

  it('keeps the closing quote with its sentence and splits after it', () => {
    expect(sentences('Premjers sola, ka „reforma beigsies līdz gada beigām.” Opozīcija tam netic.')).toEqual([
      'Premjers sola, ka „reforma beigsies līdz gada beigām.”',
      'Opozīcija tam netic.',
    ]);
    expect(sentences('Viņš teica: "Mēs uzvarēsim." Tad aizgāja.')).toHaveLength(2);
    expect(sentences('«Situācija ir kritiska.» 15 darbinieki atlaisti.')).toHaveLength(2);
    expect(sentences('Valdība aicina "būt atbildīgiem". Ierobežojumi paliek.')).toHaveLength(2);
  });

  it('does not split before a lower-case verb of saying or a dash', () => {
    expect(sentences('„Nekādu kompromisu nebūs!” paziņoja ministre.')).toHaveLength(1);
    expect(sentences('„Tas ir neprāts!” – pēc balsojuma sacīja deputāts.')).toHaveLength(1);
    expect(sentences('„Kāpēc mums neteica?” jautā iedzīvotāji.')).toHaveLength(1);
  });

  it('splits sentences inside a quotation', () => {
    expect(sentences('„Esam gandarīti. Šī ir labākā sezona,” atzina prezidents.')).toHaveLength(2);
  });
});

describe('question marks, exclamation marks and ellipses', () => {
  it('splits before capitals, digits and quotes, not before lower case', () => {
    expect(sentences('Vai skolas strādās? Atbilde būs rīt.')).toHaveLength(2);
    expect(sentences('Cik cilvēku dzīvo Rīgā? 614 tūkstoši.')).toHaveLength(2);
    expect(sentences('Vai tiešām?! Daudzi nenoticēja.')).toHaveLength(2);
    expect(sentences('Kas notiks ar cenām? – to nezina neviens.')).toHaveLength(1);
    expect(sentences('Un tad iestājās klusums… Neviens nerunāja.')).toHaveLength(2);
    expect(sentences('Bizness iet grūti... Pircēju nav.')).toHaveLength(2);
    expect(sentences('Viņš vilcinājās… un tad parakstīja.')).toHaveLength(1);
    expect(sentences('„Valdība (..) nav spējusi,” teikts paziņojumā.')).toHaveLength(1);
  });
});

describe('URLs and e-mail addresses', () => {
  it('recognises them', () => {
    for (const u of ['www.latvija.lv', 'https://lsm.lv/raksts?id=5', 'info@kultura.lv', 'delfi.lv', 'Info@VID.gov.lv']) {
      expect(isUrlOrEmail(u), u).toBe(true);
    }
    expect(isUrlOrEmail('beigām')).toBe(false);
  });

  it('never splits inside them and splits after them', () => {
    expect(sentences('Informācija vietnē www.latvija.lv. Zvaniet arī pa tālruni.')).toEqual([
      'Informācija vietnē www.latvija.lv.',
      'Zvaniet arī pa tālruni.',
    ]);
    expect(sentences('Rakstiet uz info@kultura.lv vai zvaniet.')).toHaveLength(1);
    expect(sentences('Ziņojums: https://www.lrvk.gov.lv/lv/revizijas?id=57. Tas ir garš.')).toHaveLength(2);
  });
});

describe('lower-case brands', () => {
  it('recognises brands that open sentences in lower case', () => {
    for (const b of ['airBaltic', 'iPhone', 'eBay', 'iOS', 'tvnet.lv']) expect(isLowercaseSentenceOpener(b), b).toBe(true);
    for (const w of ['un', 'valdība', 'e-pasts']) expect(isLowercaseSentenceOpener(w), w).toBe(false);
  });

  it('splits before them', () => {
    expect(sentences('Reisi atsāksies rudenī. airBaltic biļetes jau pārdod.')).toHaveLength(2);
    expect(sentences('Apple prezentēja tālruni. iPhone 12 būs četros izmēros.')).toHaveLength(2);
  });
});

describe('digits after a period', () => {
  it('start a new sentence after an ordinary word', () => {
    expect(sentences('Pārmaiņas sākās pavasarī. 2008.gadā banka zaudēja klientus.')).toHaveLength(2);
    expect(sentences('Bojā gāja trīs cilvēki. 12 cilvēki ir slimnīcā.')).toHaveLength(2);
  });
});

describe('decimals and times', () => {
  it('never split inside numbers', () => {
    expect(sentences('Lukašenko ieguva 80,1% balsu, bet Tihanovska tikai 10,1%. Opozīcija protestē.')).toHaveLength(2);
    expect(sentences('Veikali strādās līdz 18.30. Svētdienās tie būs slēgti.')).toHaveLength(2);
    expect(sentences('Sēde sāksies 10:00. Tā būs atklāta.')).toHaveLength(2);
  });
});

describe('list lines', () => {
  it('recognises list markers', () => {
    for (const l of ['- atjaunot', '– Jānis', '• valdība', '1) palielināt', '2. Valdes', 'a) pieteikums', '(3) punkts']) {
      expect(startsWithListMarker(l), l).toBe(true);
    }
    for (const l of ['2008. gadā', 'Valdība', '-5 grādi']) expect(startsWithListMarker(l), l).toBe(false);
  });

  it('makes every list line a segment and ignores the marker period', () => {
    expect(sentences('Darba kārtībā:\n1. Gada pārskats.\n2. Valdes ziņojums.\n3. Dažādi jautājumi.')).toEqual([
      'Darba kārtībā:',
      '1. Gada pārskats.',
      '2. Valdes ziņojums.',
      '3. Dažādi jautājumi.',
    ]);
    expect(sentences('Plānots:\n- atjaunot skolas;\n- izbūvēt veloceliņu')).toHaveLength(3);
    expect(sentences('Jautājumi: 1) budžets, 2) nodokļi un 3) pensijas.')).toHaveLength(1);
  });
});

describe('web boilerplate', () => {
  it('recognises furniture-only segments', () => {
    for (const b of [
      'Dalīties',
      'Komentāri (14)',
      'Komentāri 3',
      '20 Foto',
      '+16 Skatīties vairāk',
      'Dalīties | Tvītot',
      'Reklāma',
      'Lasīt vairāk',
      'Lasīt vairāk »',
      'Komentāri: 14',
      '14 komentāri',
      'date 2020-09',
      'date 2020-09-14',
    ]) {
      expect(isBoilerplate(b), b).toBe(true);
    }
    for (const t of ['Foto: LETA', 'Dalīties ar pieredzi ir svarīgi.', 'Komentāri par likumu bija asi.', '20 Foto konkursa dalībnieki']) {
      expect(isBoilerplate(t), t).toBe(false);
    }
  });

  it('peels furniture off the edges of a line', () => {
    expect(boilerplatePrefixLength('20 Foto Iespaidīgi skati')).toBe('20 Foto'.length);
    expect(boilerplatePrefixLength('20 foto konkursa dalībnieki')).toBe(0);
    expect(boilerplateSuffixStart('Skati Minskā +16 Skatīties vairāk')).toBe('Skati Minskā '.length);
    const text = '12 Foto Vētras postījumi Kurzemē: nolauzti koki un bojāti jumti +8 Skatīties vairāk';
    expect(sentences(text)).toEqual(['12 Foto', 'Vētras postījumi Kurzemē: nolauzti koki un bojāti jumti', '+8 Skatīties vairāk']);
    expect(boilerplate(text)).toEqual(['12 Foto', '+8 Skatīties vairāk']);
  });

  it('separates the scraper date header from the first sentence', () => {
    const text = ' date 2020-09 Šī ir pirmā ministra vizīte ārvalstīs kopš 9.augustā notikušajām vēlēšanām.';
    expect(sentences(text)).toEqual(['date 2020-09', 'Šī ir pirmā ministra vizīte ārvalstīs kopš 9.augustā notikušajām vēlēšanām.']);
    expect(boilerplate(text)).toEqual(['date 2020-09']);
  });

  it('flags share and comment lines at the end of an article', () => {
    const text = 'Policija meklē pusaudzi.\nDalīties\nKomentāri (14)';
    expect(boilerplate(text)).toEqual(['Dalīties', 'Komentāri (14)']);
    expect(segment(text)[0]!.boilerplate).toBeUndefined();
  });
});
