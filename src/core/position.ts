/**
 * Where an offset stands in a text, as editors count: 1-based lines, and
 * 1-based columns in code points (so "ā" and "😀" are one column each; a
 * UTF-16 column would put everything after an emoji one column off).
 */
export interface TextPosition {
  line: number;
  column: number;
}

/** Line starts of a text, found once, for many lookups. */
export class TextPositions {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** The position of a UTF-16 offset (as JavaScript strings, regular expressions and segment offsets count). */
  at(offset: number): TextPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= clamped) low = middle;
      else high = middle - 1;
    }
    const lineStart = this.lineStarts[low]!;
    return { line: low + 1, column: codePointLength(this.text.slice(lineStart, clamped)) + 1 };
  }
}

/** One lookup; build a TextPositions for many. */
export const positionAt = (text: string, offset: number): TextPosition => new TextPositions(text).at(offset);

function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}
