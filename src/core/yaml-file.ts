import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import { Lv2enError, type ErrorCode } from './errors.js';

/**
 * A parsed YAML file that can say where any of its nodes stands, so that
 * config errors point at file:line:column instead of "invalid config".
 */
export interface YamlFile {
  path: string;
  document: Document;
  /** Plain JS value of the whole document. */
  value: unknown;
  fail(node: Node | null | undefined, message: string, hint: string): never;
}

export async function readYamlFile(path: string, code: ErrorCode): Promise<YamlFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Lv2enError(code, `cannot read ${path}`, 'Check that the file exists and is readable', { file: path }, { cause: error });
  }
  return parseYamlText(text, path, code);
}

export function parseYamlText(text: string, path: string, code: ErrorCode): YamlFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const positionOf = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: path, line, column: col };
  };
  const firstError = document.errors[0];
  if (firstError) {
    throw new Lv2enError(
      code,
      `YAML syntax error: ${firstError.message.split('\n')[0]}`,
      'Fix the YAML syntax at that position',
      positionOf(firstError.pos[0]),
    );
  }
  return {
    path,
    document,
    value: document.toJS(),
    fail(node, message, hint) {
      const offset = node?.range?.[0] ?? 0;
      throw new Lv2enError(code, message, hint, positionOf(offset));
    },
  };
}

/** The node at `keys` below the document root, for error positions. */
export function nodeAt(file: YamlFile, keys: (string | number)[]): Node | undefined {
  const found = file.document.getIn(keys, true);
  if (isMap(found) || isSeq(found) || isScalar(found)) return found;
  return undefined;
}
