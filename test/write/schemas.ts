import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

/**
 * Validation of lv2en's XML outputs against the vendored OASIS and LISA
 * schemas (test/fixtures/schemas/, see its README), with libxml2's xmllint
 * compiled to WebAssembly: no system package, no network.
 */
const dir = fileURLToPath(new URL('../fixtures/schemas/', import.meta.url));
const read = (name: string) => readFileSync(dir + name, 'utf8');

/**
 * The schemas import xml.xsd from the W3C site (XLIFF 1.2) or from a folder
 * of the OASIS distribution (XLIFF 2); xmllint here reads no network, so the
 * import is pointed at the vendored copy when the schema is loaded. The files
 * on disk stay as published.
 */
const localXmlXsd = (schema: string) =>
  schema.replace(
    /schemaLocation="(?:http:\/\/www\.w3\.org\/2001\/xml\.xsd|informativeCopiesOf3rdPartySchemas\/w3c\/xml\.xsd)"/,
    'schemaLocation="xml.xsd"',
  );

const XML_XSD: XMLFileInfo = { fileName: 'xml.xsd', contents: read('xml.xsd') };

/** XLIFF 2 core and the Metadata module at once: a schema with no namespace of its own importing both. */
const XLIFF2_DRIVER = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="urn:oasis:names:tc:xliff:document:2.0" schemaLocation="xliff_core_2.0.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:xliff:metadata:2.0" schemaLocation="metadata.xsd"/>
</xs:schema>
`;

export type SchemaName = 'xliff-1.2-strict' | 'xliff-1.2-transitional' | 'xliff-2.1+metadata' | 'tmx-1.4b';

export interface SchemaResult {
  valid: boolean;
  errors: string[];
}

const memory = { initialMemoryPages: 512, maxMemoryPages: 4096 };

export async function validate(schema: SchemaName, xml: string): Promise<SchemaResult> {
  const document: XMLFileInfo = { fileName: 'document.xml', contents: xml };
  let result: Awaited<ReturnType<typeof validateXML>>;
  if (schema === 'tmx-1.4b') {
    // TMX 1.4b is a DTD, and this xmllint build has no DTD validation (no --valid, --dtdvalid): the XML
    // Schema conversion of tmx14.dtd that OmegaT ships (tmx14.xsd) stands in for it.
    result = await validateXML({
      xml: document,
      schema: { fileName: 'tmx14.xsd', contents: read('tmx14.xsd') },
      preload: [XML_XSD],
      ...memory,
    });
  } else if (schema === 'xliff-2.1+metadata') {
    result = await validateXML({
      xml: document,
      schema: { fileName: 'xliff2-driver.xsd', contents: XLIFF2_DRIVER },
      preload: [
        { fileName: 'xliff_core_2.0.xsd', contents: localXmlXsd(read('xliff_core_2.0.xsd')) },
        { fileName: 'metadata.xsd', contents: read('metadata.xsd') },
        XML_XSD,
      ],
      ...memory,
    });
  } else {
    const file = schema === 'xliff-1.2-strict' ? 'xliff-core-1.2-strict.xsd' : 'xliff-core-1.2-transitional.xsd';
    result = await validateXML({
      xml: document,
      schema: { fileName: file, contents: localXmlXsd(read(file)) },
      preload: [XML_XSD],
      ...memory,
    });
  }
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
