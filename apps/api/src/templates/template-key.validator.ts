import { Matches, ValidationOptions } from 'class-validator';

/** How a key looks: what an application writes in its code, e.g. `password-reset`. */
export const TEMPLATE_KEY_PATTERN = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
export const MAX_TEMPLATE_KEY_LENGTH = 100;

export const IsTemplateKey = (options?: ValidationOptions) =>
  Matches(TEMPLATE_KEY_PATTERN, {
    message: '$property must be a slug: lowercase letters and digits, with - or _ between them (e.g. password-reset)',
    ...options,
  });
