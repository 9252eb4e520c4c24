/** Marian's special tokens: `</s>` is id 0 and `<pad>` (also the decoder start token) the last id. */
export const EOS_TOKEN = '</s>';
export const UNK_TOKEN = '<unk>';
export const PAD_TOKEN = '<pad>';
