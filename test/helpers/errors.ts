import { Lv2enError } from '../../src/core/errors.js';

/** The Lv2enError `fn` throws; fails the test if it throws nothing or something else. */
export function thrownLv2enError(fn: () => unknown): Lv2enError {
  try {
    fn();
  } catch (error) {
    if (error instanceof Lv2enError) return error;
    throw error;
  }
  throw new Error('expected an Lv2enError');
}
