/**
 * The JSON files of a Hugging Face Marian export (config, generation config,
 * tokenizer), shaped like those of Xenova/opus-mt-* so transformers.js treats a
 * generated folder exactly like a downloaded one.
 */
import { EOS_TOKEN, PAD_TOKEN, UNK_TOKEN } from './special-tokens.js';
import { WORD_MARKER } from './pieces.js';

export interface MarianDims {
  dModel: number;
  encoderLayers: number;
  decoderLayers: number;
  heads: number;
  ffnDim: number;
  vocabSize: number;
  maxPositions: number;
}

export interface SpecialIds {
  eosId: number;
  unkId: number;
  padId: number;
}

const TRANSFORMERS_VERSION = '4.34.0.dev0';

function generationFields(ids: SpecialIds, maxPositions: number) {
  return {
    bad_words_ids: [[ids.padId]],
    bos_token_id: ids.eosId,
    decoder_start_token_id: ids.padId,
    eos_token_id: ids.eosId,
    forced_eos_token_id: ids.eosId,
    max_length: maxPositions,
    num_beams: 4,
    pad_token_id: ids.padId,
  };
}

export function marianConfig(dims: MarianDims, ids: SpecialIds, fixtureNote: string): Record<string, unknown> {
  return {
    _name_or_path: 'lv2en/generated-marian',
    lv2en_fixture: fixtureNote,
    activation_dropout: 0.0,
    activation_function: 'swish',
    add_bias_logits: false,
    add_final_layer_norm: false,
    architectures: ['MarianMTModel'],
    attention_dropout: 0.0,
    classif_dropout: 0.0,
    classifier_dropout: 0.0,
    d_model: dims.dModel,
    decoder_attention_heads: dims.heads,
    decoder_ffn_dim: dims.ffnDim,
    decoder_layerdrop: 0.0,
    decoder_layers: dims.decoderLayers,
    decoder_vocab_size: dims.vocabSize,
    dropout: 0.1,
    encoder_attention_heads: dims.heads,
    encoder_ffn_dim: dims.ffnDim,
    encoder_layerdrop: 0.0,
    encoder_layers: dims.encoderLayers,
    init_std: 0.02,
    is_encoder_decoder: true,
    max_position_embeddings: dims.maxPositions,
    model_type: 'marian',
    normalize_before: false,
    normalize_embedding: false,
    num_hidden_layers: dims.encoderLayers,
    scale_embedding: true,
    share_encoder_decoder_embeddings: true,
    static_position_embeddings: true,
    transformers_version: TRANSFORMERS_VERSION,
    use_cache: true,
    vocab_size: dims.vocabSize,
    ...generationFields(ids, dims.maxPositions),
  };
}

export function generationConfig(ids: SpecialIds, maxPositions: number): Record<string, unknown> {
  return { ...generationFields(ids, maxPositions), renormalize_logits: true, transformers_version: TRANSFORMERS_VERSION };
}

function addedToken(id: number, content: string) {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

const METASPACE = { type: 'Metaspace', replacement: WORD_MARKER, prepend_scheme: 'always', split: true };

export function tokenizerJson(pieces: readonly (readonly [string, number])[], ids: SpecialIds): Record<string, unknown> {
  const eos = { id: EOS_TOKEN, type_id: 0 };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [addedToken(ids.eosId, EOS_TOKEN), addedToken(ids.unkId, UNK_TOKEN), addedToken(ids.padId, PAD_TOKEN)],
    // Real Marian exports carry SentencePiece's precompiled charsmap here, which transformers.js skips anyway.
    normalizer: null,
    pre_tokenizer: METASPACE,
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: eos }],
      pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 0 } }, { SpecialToken: eos }],
      special_tokens: { [EOS_TOKEN]: { id: EOS_TOKEN, ids: [ids.eosId], tokens: [EOS_TOKEN] } },
    },
    decoder: METASPACE,
    model: { type: 'Unigram', unk_id: ids.unkId, vocab: pieces, byte_fallback: false },
  };
}

export function tokenizerConfig(maxPositions: number): Record<string, unknown> {
  return {
    tokenizer_class: 'MarianTokenizer',
    eos_token: EOS_TOKEN,
    unk_token: UNK_TOKEN,
    pad_token: PAD_TOKEN,
    model_max_length: maxPositions,
    source_lang: 'lv',
    target_lang: 'en',
    separate_vocabs: false,
    sp_model_kwargs: {},
  };
}
