import { ValidateBy } from 'class-validator';
import { passwordProblem } from '@app/accounts';

/** The password rule (12+ characters, not a common one), with the problem named in the 400. */
export const AcceptablePassword = () =>
  ValidateBy({
    name: 'acceptablePassword',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && passwordProblem(value) === null,
      defaultMessage: (args) => `${args?.property} ${typeof args?.value === 'string' ? passwordProblem(args.value) : 'must be a string'}`,
    },
  });
