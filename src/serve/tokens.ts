import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Lv2enError } from '../index.js';

/** Shortest token accepted: a guessable token on a socket is no token. */
export const MIN_TOKEN_LENGTH = 16;

/**
 * The API tokens of a token file: one a line, `name token` or just `token`
 * (named `token 1`, `token 2`, … then); blank lines and `#` comments are
 * skipped. The name is what rate limits count by and what the review
 * workspace records as who saved. Only the tokens' sha256 are kept.
 */
export class TokenSet {
  private constructor(private readonly entries: readonly { name: string; digest: Buffer }[]) {}

  static async load(path: string): Promise<TokenSet> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new Lv2enError(
        'INPUT_NOT_FOUND',
        `cannot read the token file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        'Name a file with one API token a line (`name token`), e.g. made with `openssl rand -hex 24`',
        { file: path },
      );
    }
    return TokenSet.parse(text, path);
  }

  static parse(text: string, file = '<tokens>'): TokenSet {
    const entries: { name: string; digest: Buffer }[] = [];
    const names = new Set<string>();
    text.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const parts = line.split(/\s+/);
      if (parts.length > 2)
        throw new Lv2enError('USAGE', 'a token line holds a name and a token, nothing more', 'Write `name token` or `token`', {
          file,
          line: i + 1,
        });
      const token = parts.at(-1)!;
      const name = parts.length === 2 ? parts[0]! : `token ${entries.length + 1}`;
      if (token.length < MIN_TOKEN_LENGTH)
        throw new Lv2enError(
          'USAGE',
          `a token shorter than ${MIN_TOKEN_LENGTH} characters`,
          'Make tokens long and random, e.g. `openssl rand -hex 24`',
          {
            file,
            line: i + 1,
          },
        );
      if (names.has(name))
        throw new Lv2enError('USAGE', `the name ${name} is used twice`, 'Give every token its own name', { file, line: i + 1 });
      names.add(name);
      entries.push({ name, digest: digest(token) });
    });
    if (entries.length === 0)
      throw new Lv2enError('USAGE', 'the token file holds no token', 'Write one token a line (`name token`)', { file });
    return new TokenSet(entries);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The name of the token `candidate` is, or null. Constant time: every
   * token is compared, by digest (so lengths never differ), whatever matched.
   */
  check(candidate: string | undefined): string | null {
    if (typeof candidate !== 'string' || candidate === '') return null;
    const given = digest(candidate);
    let found: string | null = null;
    for (const entry of this.entries) if (timingSafeEqual(given, entry.digest) && found === null) found = entry.name;
    return found;
  }
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();
