import { Lv2enError } from '../core/errors.js';
import type { ReviewMemory } from './memory.js';

/** An open translation memory the CLI closes when it is done. */
export interface ReviewMemoryHandle extends ReviewMemory {
  /** Where it lives, for messages. */
  readonly location: string;
  close(): void;
}

/**
 * Opens the translation memory `lv2en review import` stores into. The
 * database belongs to src/memory/ (being built alongside); until it is wired
 * here, importing for real fails with a clear message and `--dry-run` still
 * reads and checks a file.
 */
export async function openReviewMemory(_options: { path?: string } = {}): Promise<ReviewMemoryHandle> {
  throw new Lv2enError(
    'USAGE',
    'the translation memory is not part of this build yet',
    'Use --dry-run to check what the file would import; storing needs the translation memory (src/memory)',
  );
}
