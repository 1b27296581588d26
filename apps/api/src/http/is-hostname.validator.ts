import { isIP } from 'node:net';
import { ValidateBy, ValidationOptions } from 'class-validator';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** A DNS name (single-label names such as `localhost` included) or an IPv4/IPv6 literal. */
export function isHostname(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 253) return false;
  if (isIP(value)) return true;
  return value
    .replace(/\.$/, '')
    .split('.')
    .every((label) => LABEL.test(label));
}

export const IsHostname = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isHostname', validator: { validate: isHostname, defaultMessage: () => '$property must be a valid hostname or IP address' } },
    options,
  );
