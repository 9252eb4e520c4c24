import { InvalidArgumentError } from 'commander';

/** A commander parser for options that take a whole number ≥ 1 (`--threads`, `--workers`): anything else is a usage error. */
export function parseWholeNumber(option: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`${option} takes a whole number ≥ 1, not "${value}"`);
    return n;
  };
}
