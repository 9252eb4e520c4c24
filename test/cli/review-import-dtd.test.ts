import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lv2en } from './run-cli.js';

const tmx = (doctype: string) => `<?xml version="1.0" encoding="UTF-8"?>
${doctype}
<tmx version="1.4"><header srclang="lv" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body><tu><tuv xml:lang="lv"><seg>Labdien.</seg></tuv><tuv xml:lang="en"><seg>Good day.</seg></tuv></tu></body></tmx>
`;

describe('lv2en review import of XML that declares a DTD', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lv2en-dtd-'));
    await writeFile(join(dir, 'entities.tmx'), tmx('<!DOCTYPE tmx [<!ENTITY e SYSTEM "file:///etc/passwd">]>'));
    await writeFile(join(dir, 'external.tmx'), tmx('<!DOCTYPE tmx SYSTEM "tmx14.dtd">'));
    await writeFile(
      join(dir, 'entities.xlf'),
      '<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY lol "lol">]><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="lv" trgLang="en"><file id="f"><unit id="1"><segment><source>Labdien.</source><target>&lol;</target></segment></unit></file></xliff>',
    );
  });

  it('is refused for safety, not called damaged, and says to remove the DOCTYPE', async () => {
    for (const file of ['entities.tmx', 'entities.xlf']) {
      const result = await lv2en(['review', 'import', '--dry-run', file], dir);
      expect(result.code).toBe(24);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/DTD internal subset/);
      expect(result.stderr).toMatch(/refuses DTD and entity declarations for safety.*without its DOCTYPE/);
      expect(result.stderr).not.toMatch(/damaged|cut short/);
    }
  });

  it('takes the same file with an external DOCTYPE, which is never fetched', async () => {
    const result = await lv2en(['review', 'import', '--dry-run', 'external.tmx', '--all'], dir);
    expect(result).toMatchObject({ code: 0 });
  });
});
