/** Seeded random Latvian-ish text for invariant tests: words, abbreviations, numbers, quotes, furniture, line breaks. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'valdība',
  'Saeima',
  'Latvija',
  'gadā',
  'beigām',
  'un',
  'bet',
  'kas',
  'Tas',
  'Viņš',
  'airBaltic',
  'iPhone',
  'ES',
  'ANO',
  'plkst.',
  'prof.',
  'u.c.',
  'utt.',
  'proc.',
  't.i.',
  'milj.',
  'g.',
  'gs.',
  'Nr.',
  'Sv.',
  'u.',
  'c.',
  'A.',
  'Dž.',
  'B.',
  '1990.',
  '4.',
  'maijā',
  '9.augustā',
  '13.09.2020.',
  '19.00',
  '80,1%',
  '2:0',
  'XII.',
  '1)',
  '-',
  '–',
  '—',
  '•',
  '*',
  '.',
  '..',
  '...',
  '…',
  '!',
  '?',
  '?!',
  ',',
  ';',
  ':',
  '„',
  '”',
  '"',
  '«',
  '»',
  '(',
  ')',
  '[..]',
  '(..)',
  'www.latvija.lv',
  'info@lsm.lv',
  'https://lsm.lv/a?b=1.',
  '20 Foto',
  '+16 Skatīties vairāk',
  'Dalīties',
  'Komentāri (14)',
  'date 2020-09',
  'Reklāma',
  '\u00a0',
  '\t',
  '😀',
  'é',
  '\u0301',
  'ā',
  'Ž',
  '0',
  '12',
  '2008.gadā',
];
const SEPARATORS = [' ', ' ', ' ', ' ', '', '\n', '\n\n', '  ', ' \n '];

export function randomText(rand: () => number, maxPieces = 60): string {
  const n = Math.floor(rand() * maxPieces);
  let out = '';
  for (let i = 0; i < n; i++) {
    out += PIECES[Math.floor(rand() * PIECES.length)]!;
    out += SEPARATORS[Math.floor(rand() * SEPARATORS.length)]!;
  }
  return out;
}
