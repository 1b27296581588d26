import { ValidateBy, ValidationOptions } from 'class-validator';

export const MAX_ATTRIBUTES = 100;
export const MAX_ATTRIBUTE_NAME_LENGTH = 100;
export const MAX_ATTRIBUTES_BYTES = 16 * 1024;

/** Why a value cannot be a contact's attributes, or null when it can. Shared by the API and the CSV import. */
export function attributesProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
  const names = Object.keys(value);
  if (names.length > MAX_ATTRIBUTES) return `may have at most ${MAX_ATTRIBUTES} keys`;
  const badName = names.find((name) => name.length === 0 || name.length > MAX_ATTRIBUTE_NAME_LENGTH);
  if (badName !== undefined) return `keys must be 1 to ${MAX_ATTRIBUTE_NAME_LENGTH} characters long`;
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_ATTRIBUTES_BYTES) return `must be at most ${MAX_ATTRIBUTES_BYTES / 1024} KB as JSON`;
  return null;
}

export const IsContactAttributes = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isContactAttributes',
      validator: {
        validate: (value: unknown) => attributesProblem(value) === null,
        defaultMessage: (args) => `${args?.property} ${attributesProblem(args?.value)}`,
      },
    },
    options,
  );
