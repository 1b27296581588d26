import { join } from 'node:path';

/** SASL mechanisms for access tokens: Exchange Online offers XOAUTH2 only, Gmail XOAUTH2 and OAUTHBEARER. */
export type DovecotTokenMechanism = 'xoauth2' | 'oauthbearer';

/** Mail processes run as nobody:nogroup, so the maildir belongs to an unprivileged user, as in production. */
export const MAIL_UID = 65534;
export const MAIL_GID = 65534;

const TLS_DIR = join(__dirname, '..', 'fixtures', 'tls');
/** Copied next to the oauth2 settings: the checkout may sit where the `dovecot` user cannot read. */
export const TEST_CA = join(TLS_DIR, 'ca.crt');

export interface DovecotLayout {
  /** The instance's own directory: sockets, state, password file and homes all live under it. */
  directory: string;
  imapPort: number;
  imapsPort: number;
  /** Token logins are offered only with an introspection endpoint to check them against. */
  tokens?: { introspectionUrl: string; mechanisms: DovecotTokenMechanism[] };
}

export const passwdFilePath = (directory: string) => join(directory, 'passwd');
export const oauth2ConfigPath = (directory: string) => join(directory, 'oauth2.conf');
export const testCaPath = (directory: string) => join(directory, 'ca.crt');
/** `auth_username_format` keeps Dovecot's default `%Lu`: user names arrive lower-cased, homes are named so. */
export const homeOf = (directory: string, user: string) => join(directory, 'home', user.toLowerCase());

/**
 * A self-contained dovecot.conf, read by nothing but this instance: /etc/dovecot is neither
 * included nor touched. Written for Dovecot 2.3 (Debian 12 ships 2.3.19.1); 2.4 renamed most of
 * these settings and moved the oauth2 ones into dovecot.conf.
 *
 * Folders use `LAYOUT=fs` and the separator `/`, as Exchange Online and Gmail name them: the folder
 * `Mailroom/Processed` is the directory `Maildir/Mailroom/Processed`, INBOX the maildir's root.
 */
export function dovecotConfig({ directory, imapPort, imapsPort, tokens }: DovecotLayout): string {
  const mechanisms = ['plain', 'login', ...(tokens?.mechanisms ?? [])];
  return `base_dir = ${join(directory, 'run')}
state_dir = ${join(directory, 'state')}
log_path = /dev/stderr
protocols = imap
listen = 127.0.0.1

ssl = yes
ssl_cert = <${join(TLS_DIR, 'server.crt')}
ssl_key = <${join(TLS_DIR, 'server.key')}

auth_mechanisms = ${mechanisms.join(' ')}
# Says why a login failed (never with the password or token); tests refuse logins on purpose, at once.
auth_verbose = yes
auth_failure_delay = 0

mail_location = maildir:~/Maildir:LAYOUT=fs
namespace inbox {
  inbox = yes
  prefix =
  separator = /
}

passdb {
  driver = passwd-file
  mechanisms = plain login
  args = ${passwdFilePath(directory)}
}
${
  tokens
    ? `passdb {
  driver = oauth2
  mechanisms = ${tokens.mechanisms.join(' ')}
  args = ${oauth2ConfigPath(directory)}
}
`
    : ''
}userdb {
  driver = static
  args = uid=${MAIL_UID} gid=${MAIL_GID} home=${join(directory, 'home', '%u')}
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${imapsPort}
    ssl = yes
  }
}

# Without this socket the auth process keeps no per-IP penalty, which would hold each failed login
# from 127.0.0.1 back longer than the one before (2 s, 4 s, 8 s, up to 15 s).
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
}

/**
 * The oauth2 passdb's settings (its own file in 2.3): Dovecot posts `token=…` to the endpoint
 * (RFC 7662) and logs the user in when the answer is `active: true` with `username` equal, after
 * lower-casing, to the name the client logged in as. `active: false` is a refused login.
 * The fake Microsoft identity speaks HTTPS with the test CA, which the auth process must trust.
 */
export function oauth2Config(directory: string, introspectionUrl: string): string {
  return `introspection_url = ${introspectionUrl}
introspection_mode = post
username_attribute = username
active_attribute = active
active_value = true
tls_ca_cert_file = ${testCaPath(directory)}
`;
}
