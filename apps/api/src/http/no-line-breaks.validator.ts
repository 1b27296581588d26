import { Matches, ValidationOptions } from 'class-validator';

/** CR or LF in a value that ends up in a mail header would let a caller inject headers. */
export const NoLineBreaks = (options?: ValidationOptions) =>
  Matches(/^[^\r\n]*$/, { message: '$property must not contain line breaks', ...options });
