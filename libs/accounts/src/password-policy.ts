export const MIN_PASSWORD_LENGTH = 12;
/** Long enough to hold a passphrase, short enough that hashing it costs no more than any other. */
export const MAX_PASSWORD_LENGTH = 256;

// The most frequent passwords of 12 or more characters in public breach corpora (shorter ones
// fail the length rule anyway). Compared case-insensitively.
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456789123',
  '1q2w3e4r5t6y',
  'qwertyuiopas',
  'qwertyuiop123',
  'qwerty123456',
  'password1234',
  'password12345',
  'password123!',
  'passwordpassword',
  'iloveyou1234',
  'abcdefghijkl',
  'abc123456789',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  '123123123123',
  '987654321987',
  'qazwsxedcrfv',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'letmein12345',
  'welcome12345',
  'welcome123456',
  'administrator',
  'changeme1234',
  'trustno1trustno1',
  'monkey123456',
  'football1234',
  'baseball1234',
  'superman1234',
  'princess1234',
  'sunshine1234',
  'starwars1234',
  'mailroom1234',
  'mailroompassword',
]);

/** Null when acceptable, otherwise what is wrong with it, in words a person can act on. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'is one of the most common passwords; choose another';
  return null;
}
