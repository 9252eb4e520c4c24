/** What every document format shares: the reader/writer contract and the block builder. The list of formats is in ../index.ts. */
export type { ByteSink, DocumentBlock, DocumentFormat, DocumentOptions, ReadContext, TranslatedBlock, TranslationSource } from './types.js';
export { type BlockPiece, BlockBuilder, blockPieces, isTranslatable, standsForSpace, untranslated } from './blocks.js';
