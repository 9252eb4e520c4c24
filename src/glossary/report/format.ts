/** Plain-text renderings for the CLI (`lv2en glossary forms`). */
import type { Paradigm } from '../latvian/forms.js';

/**
 * How each word was read, then one line per case with singular and plural
 * side by side:
 *
 *     Kremlis: head, -is: 2nd declension, masculine, singular and plural
 *     nominative    Kremlis   Kremļi
 */
export function formatParadigm(p: Paradigm): string {
  const lines = p.words.map((w) => `${w.word}: ${w.role}, ${w.description}`);
  const cases = [...new Set(p.cells.map((c) => c.case))];
  const hasPlural = p.cells.some((c) => c.number === 'plural');
  const hasSingular = p.cells.some((c) => c.number === 'singular');
  const rows = cases.map((gramCase) => {
    const sg = p.cells.find((c) => c.case === gramCase && c.number === 'singular')?.form ?? '';
    const pl = p.cells.find((c) => c.case === gramCase && c.number === 'plural')?.form ?? '';
    return [gramCase, ...(hasSingular ? [sg] : []), ...(hasPlural ? [pl] : [])];
  });
  const header = ['case', ...(hasSingular ? ['singular'] : []), ...(hasPlural ? ['plural'] : [])];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [...lines, '', render(header), ...rows.map(render)].join('\n');
}
