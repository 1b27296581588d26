import { isEmail, ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

const LINE_BREAK = /[\r\n]/;

/** Why a value is not a mailbox (`"a@b.c"` or `{email, name?}`), or null when it is one. */
export function mailboxProblem(value: unknown, property: string): string | null {
  if (typeof value === 'string') {
    return isEmail(value) && !LINE_BREAK.test(value) ? null : `${property} must be an email`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${property} must be an email or an object {email, name}`;
  }
  const { email, name, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return `${property}.${unknown[0]} should not exist`;
  if (typeof email !== 'string' || !isEmail(email) || LINE_BREAK.test(email)) return `${property}.email must be an email`;
  if (name !== undefined && (typeof name !== 'string' || name.length > 200))
    return `${property}.name must be a string of at most 200 characters`;
  if (typeof name === 'string' && LINE_BREAK.test(name)) return `${property}.name must not contain line breaks`;
  return null;
}

/** A single mailbox, or with `each: true` every element of an array. */
export const IsMailbox = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isMailbox',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => mailboxProblem(value, args?.property ?? '') === null,
        defaultMessage: (args?: ValidationArguments) => {
          const value: unknown = args?.value;
          if (Array.isArray(value)) {
            const index = value.findIndex((item) => mailboxProblem(item, '') !== null);
            return mailboxProblem(value[index], `${args!.property}[${index}]`) ?? `${args!.property} is invalid`;
          }
          return mailboxProblem(value, args?.property ?? 'value') ?? 'invalid mailbox';
        },
      },
    },
    options,
  );
