import { Lv2enError } from '../../core/errors.js';
import { firstInvalidUtf8Offset } from '../../core/utf8.js';

/**
 * Subtitle files as cues: SubRip (.srt) and WebVTT (.vtt). Each cue keeps
 * the exact source of its timing and header lines; its text lines are what
 * gets translated. Timings are checked (a broken one is an error naming
 * the line), never changed.
 */

export interface Cue {
  /** Where its text lines are in the source: [start, end), the line break after the last line excluded. */
  textStart: number;
  textEnd: number;
  /** Its text, line by line. */
  lines: string[];
  /** 1-based line number of its timing line, for messages. */
  timingLine: number;
}

export type SubtitleKind = 'srt' | 'vtt';

/** `00:01:02,500` (SubRip) or `01:02.500` / `00:01:02.500` (WebVTT). */
const SRT_TIME = String.raw`(\d{1,3}):([0-5]\d):([0-5]\d)[,.](\d{1,3})`;
const VTT_TIME = String.raw`(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)\.(\d{3})`;

const timing = (kind: SubtitleKind) =>
  kind === 'srt'
    ? new RegExp(String.raw`^\s*${SRT_TIME}\s*-->\s*${SRT_TIME}(?:\s+.*)?$`)
    : new RegExp(String.raw`^${VTT_TIME}[ \t]+-->[ \t]+${VTT_TIME}(?:[ \t].*)?$`);

const millis = (h: string | undefined, m: string, s: string, ms: string) =>
  ((Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms.padEnd(3, '0'));

export function decodeSubtitles(bytes: Uint8Array, file: string): string {
  const invalid = firstInvalidUtf8Offset(bytes);
  if (invalid !== -1 || bytes.subarray(0, 8192).includes(0))
    throw new Lv2enError(
      'INPUT_BAD_ENCODING',
      invalid !== -1 ? 'is not UTF-8' : 'is not text (it contains NUL bytes)',
      'Save the subtitles as UTF-8; a Windows-1257 file converts with `iconv -f WINDOWS-1257 -t UTF-8 in.srt > out.srt`',
      { file },
    );
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

const broken = (file: string, line: number, why: string, kind: SubtitleKind) =>
  new Lv2enError(
    'SUBTITLE_TIMING_INVALID',
    why,
    kind === 'srt'
      ? 'Each cue needs a timing line like 00:00:01,000 --> 00:00:04,000 (end after start); fix it in a subtitle editor'
      : 'Each cue needs a timing line like 00:01.000 --> 00:04.000 (end after start); fix it in a subtitle editor',
    { file, line },
  );

/** The cues of a subtitle file, in order. A timing line that is malformed or ends before it starts is an error with its line. */
export function readCues(source: string, kind: SubtitleKind, file: string): Cue[] {
  const lines: { text: string; start: number; end: number }[] = [];
  for (let start = 0; start <= source.length; ) {
    const next = source.indexOf('\n', start);
    const end = next === -1 ? source.length : next;
    lines.push({ text: source.slice(start, end).replace(/\r$/, ''), start, end: end - (source[end - 1] === '\r' ? 1 : 0) });
    if (next === -1) break;
    start = next + 1;
  }
  const pattern = timing(kind);
  const cues: Cue[] = [];
  let i = 0;
  if (kind === 'vtt') {
    if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0]?.text ?? ''))
      throw new Lv2enError(
        'SUBTITLE_TIMING_INVALID',
        'is not WebVTT: its first line is not "WEBVTT"',
        'A .vtt file starts with the line WEBVTT',
        {
          file,
          line: 1,
        },
      );
    i = 1;
  }
  while (i < lines.length) {
    // A block: lines up to a blank one.
    while (i < lines.length && lines[i]!.text.trim() === '') i++;
    if (i >= lines.length) break;
    const block: number[] = [];
    while (i < lines.length && lines[i]!.text.trim() !== '') block.push(i++);
    const first = lines[block[0]!]!.text;
    if (kind === 'vtt' && /^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) continue;
    const at = block.findIndex((k) => lines[k]!.text.includes('-->'));
    // SubRip: an index line, then the timing; WebVTT: an optional identifier, then the timing.
    if (at === -1 || at > 1) {
      const line = block[0]! + 1;
      throw broken(file, line, `"${first.slice(0, 60)}" is not a cue (no timing line with -->)`, kind);
    }
    if (kind === 'srt' && at === 1 && !/^\s*\d+\s*$/.test(first)) {
      const line = block[0]! + 1;
      throw broken(file, line, `"${first.slice(0, 60)}" is not a cue number`, kind);
    }
    const timingIndex = block[at]!;
    const match = pattern.exec(lines[timingIndex]!.text);
    if (!match) {
      throw broken(file, timingIndex + 1, `"${lines[timingIndex]!.text.slice(0, 60)}" is not a cue timing`, kind);
    }
    const from = millis(match[1], match[2]!, match[3]!, match[4]!);
    const to = millis(match[5], match[6]!, match[7]!, match[8]!);
    if (to < from)
      throw broken(file, timingIndex + 1, `the cue ends (${lines[timingIndex]!.text.split('-->')[1]!.trim()}) before it starts`, kind);
    const textLines = block.slice(at + 1);
    if (textLines.length === 0) continue;
    cues.push({
      textStart: lines[textLines[0]!]!.start,
      textEnd: lines[textLines.at(-1)!]!.end,
      lines: textLines.map((k) => lines[k]!.text),
      timingLine: timingIndex + 1,
    });
  }
  return cues;
}

/** Where a sentence may end inside a run of cues: final punctuation, maybe followed by quotes, brackets or a closing tag. */
const SENTENCE_END = /[.!?…♪](?:["'”’»)\]]|<\/[a-z]+>)*\s*$/iu;

/** Cues that make up whole sentences together: a cue whose text does not end a sentence runs on into the next. */
export function groupCues(cues: readonly Cue[]): Cue[][] {
  const groups: Cue[][] = [];
  let current: Cue[] = [];
  for (const cue of cues) {
    current.push(cue);
    // A group stays short enough for the model and for placing the cue boundaries well.
    if (SENTENCE_END.test(cue.lines.join(' ')) || current.length >= 8) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
