import { Lv2enError } from '../../core/errors.js';

/** What an OpenDocument text's `mimetype` entry (or a flat one's office:mimetype) says. */
export const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';

/** A document with macros is refused: lv2en neither runs them nor carries them into a translation. `what` names one. */
export function refuseMacros(file: string, what: string): never {
  throw new Lv2enError(
    'DOCUMENT_HAS_MACROS',
    `holds macros (${what}), which lv2en neither runs nor carries into a translation`,
    'In LibreOffice remove them (Tools ▸ Macros ▸ Organize Macros ▸ Basic, delete the modules under this document), save, and translate that copy; copy the macros back into the English file if it needs them',
    { file },
  );
}
