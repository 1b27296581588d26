/** The API's password rule (at least 12 characters, not a common one), checked by the browser before it asks. */
export const NEW_PASSWORD_RULES = { minLength: 12, maxLength: 256, autoComplete: 'new-password' } as const;
export const NEW_PASSWORD_HINT = 'At least 12 characters. A sentence you remember works well; common passwords are refused.';
