import { defineFlag } from '../core/flags.js';
import type { Segment } from '../core/segment-record.js';

/** Set by the translate stage when a person's reviewed translation was reused from the translation memory. */
export const TM_REVIEWED = defineFlag('tm:reviewed', 'info', 'a reviewed translation from the translation memory');

export const isReviewedFromMemory = (segment: Pick<Segment, 'flags'>): boolean => segment.flags.includes(TM_REVIEWED);
