/** Option parsers shared by the commands: clear errors for bad numbers. */
import { InvalidArgumentError } from 'commander';

/** Parses a positive whole number option, or explains what was expected. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return n;
}
