import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The reports and non-reports in test/fixtures/bounces; each file's X-Fixture-Note says which real shape it stands for. */
export const BOUNCE_FIXTURE_NAMES = [
  'exchange-online-ndr',
  'exchange-server-ndr',
  'gmail-bounce',
  'gmail-legacy-bounce',
  'postfix-dsn',
  'soft-bounce-4.2.2',
  'arf-complaint',
  'ordinary-reply',
  'out-of-office',
] as const;

export type BounceFixtureName = (typeof BOUNCE_FIXTURE_NAMES)[number];

const FIXTURES_DIR = join(__dirname, '..', 'fixtures', 'bounces');

/**
 * A fixture as it would arrive in the sending mailbox about a message really sent: `{{MESSAGE_ID}}`
 * becomes `values.messageId` (the whole header value, `<uuid@domain>`), `{{RECIPIENT}}` becomes
 * `values.recipient`, and every line ends in CRLF as on the wire.
 */
export function bounceFixture(name: BounceFixtureName, values: { messageId: string; recipient: string }): Buffer {
  const template = readFileSync(join(FIXTURES_DIR, `${name}.eml`), 'utf8');
  const filled = template.replaceAll('{{MESSAGE_ID}}', values.messageId).replaceAll('{{RECIPIENT}}', values.recipient);
  return Buffer.from(filled.replace(/\r?\n/g, '\r\n'));
}

/** A message written inline in a spec, as bytes with CRLF line ends. */
export function rawMessage(lines: string[]): Buffer {
  return Buffer.from(lines.join('\r\n') + '\r\n');
}
