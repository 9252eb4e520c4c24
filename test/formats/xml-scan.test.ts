import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanXml, type XmlEvent } from '../../src/formats/document/xml-scan.js';
import { thrownLv2enError } from '../helpers/errors.js';

const scan = (xml: string) => {
  const events: XmlEvent[] = [];
  scanXml(xml, { file: 'doc.xml' }, (e) => events.push(e));
  return events;
};

describe('the XML scanner', () => {
  it('reports every construct with the exact stretch of source it came from', () => {
    const xml = `<?xml version="1.0"?>\r\n<!DOCTYPE x SYSTEM "x.dtd">\n<w:doc xmlns:w="urn:w"><w:p a="1>2">Te&amp;xt<w:br/> <![CDATA[c<d]]><!-- c <b> --><w:t>Ā&#x101;</w:t></w:p><?pi x?></w:doc>\n`;
    const events = scan(xml);
    expect(events.map((e) => xml.slice(e.start, e.end)).join('')).toBe(xml);
    const texts = events.flatMap((e) => (e.type === 'text' ? [e.text] : []));
    expect(texts).toEqual(expect.arrayContaining(['Te&xt', 'c<d', 'Āā']));
    expect(events.find((e) => e.type === 'open' && e.local === 'p')).toMatchObject({ uri: 'urn:w', attributes: { a: { value: '1>2' } } });
  });

  it('covers any well-formed document it is given, piece by piece', () => {
    const text = fc.constantFrom('a', ' ', 'ā', '&amp;', '&lt;', '>', '\n', '&#x41;', '😀');
    const leaf = fc.oneof(text, fc.constant('<x/>'), fc.constant('<!-- n -->'), fc.constant('<![CDATA[<>]]>'), fc.constant('<?p q?>'));
    const { element } = fc.letrec<{ node: string; element: string }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('element')),
      element: fc
        .tuple(fc.constantFrom('a', 'b:c'), fc.array(tie('node'), { maxLength: 5 }))
        .map(([name, children]) => `<${name} k="v&amp;">${children.join('')}</${name}>`),
    }));
    fc.assert(
      fc.property(element, (body) => {
        const xml = `<root xmlns:b="urn:b">${body}</root>`;
        expect(
          scan(xml)
            .map((e) => xml.slice(e.start, e.end))
            .join(''),
        ).toBe(xml);
      }),
    );
  });

  it('refuses entity declarations and internal DTDs before reading anything (billion laughs, XXE)', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    const xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>';
    for (const xml of [bomb, xxe]) {
      const error = thrownLv2enError(() => scan(xml));
      expect(error.code).toBe('XML_UNSAFE');
      expect(error.hint).toMatch(/refuses DTD/);
    }
  });

  it('says where malformed XML breaks, and never expands an unknown entity', () => {
    for (const xml of ['<a><b></a>', '<a>&nbsp;</a>', '<a><b>cut sh']) {
      const error = thrownLv2enError(() => scan(xml));
      expect(error.code).toBe('DOCUMENT_DAMAGED');
      expect(error.message).toMatch(/not well-formed XML \(line 1, column \d+/);
    }
  });
});
