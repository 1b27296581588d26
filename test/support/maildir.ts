import { chown, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A message as it lies in a maildir folder. */
export interface MaildirMessage {
  raw: Buffer;
  /** IMAP system flags read from the file name's `:2,` suffix (keywords are left out). */
  flags: string[];
}

export interface MaildirOwner {
  uid: number;
  gid: number;
}

// Maildir's flag letters (https://cr.yp.to/proto/maildir.html); P (passed) has no IMAP flag.
const FLAG_LETTERS: Record<string, string> = { D: '\\Draft', F: '\\Flagged', R: '\\Answered', S: '\\Seen', T: '\\Deleted' };

/**
 * Writes `raw` the way a delivery agent does: into tmp/ under a unique name, then renamed into new/,
 * so Dovecot never sees half a message. Missing folder directories are created; everything belongs
 * to `owner`, the user Dovecot's mail processes run as.
 */
export async function deliverToMaildir(maildir: string, folder: string, raw: Buffer, owner: MaildirOwner): Promise<void> {
  const directories = directoriesDownTo(maildir, folder);
  for (const path of directories) await ownedDirectory(path, owner);
  const directory = directories.at(-1)!;
  for (const part of ['tmp', 'new', 'cur']) await ownedDirectory(join(directory, part), owner);
  const name = uniqueName();
  const written = join(directory, 'tmp', name);
  await writeFile(written, raw, { mode: 0o600 });
  await chown(written, owner.uid, owner.gid);
  await rename(written, join(directory, 'new', name));
}

/**
 * What a folder holds, new/ and cur/ together, in file-name order (delivery time first); nothing
 * for a folder that does not exist. Dovecot may move a file from new/ to cur/, or expunge it, while
 * this reads: the folder is then listed again.
 */
export async function readMaildir(maildir: string, folder: string): Promise<MaildirMessage[]> {
  const directory = directoriesDownTo(maildir, folder).at(-1)!;
  for (let attempt = 1; ; attempt++) {
    const files = [...(await filesIn(directory, 'new')), ...(await filesIn(directory, 'cur'))];
    try {
      return await Promise.all(files.sort(byName).map(async (file) => ({ raw: await readFile(file.path), flags: flagsOf(file.name) })));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 10) throw error;
    }
  }
}

let deliveries = 0;

/** Seconds first, as Dovecot names its own files, so file-name order is delivery order. */
function uniqueName(): string {
  const now = Date.now();
  const microseconds = String((now % 1000) * 1000).padStart(6, '0');
  return `${Math.floor(now / 1000)}.M${microseconds}P${process.pid}Q${String(++deliveries).padStart(6, '0')}.mailroom-test`;
}

interface MaildirFile {
  name: string;
  path: string;
}

async function filesIn(directory: string, part: 'new' | 'cur'): Promise<MaildirFile[]> {
  const names = await readdir(join(directory, part)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return names.map((name) => ({ name, path: join(directory, part, name) }));
}

const byName = (a: MaildirFile, b: MaildirFile) => a.name.localeCompare(b.name);

function flagsOf(fileName: string): string[] {
  const info = fileName.split(':2,')[1] ?? '';
  return [...info].flatMap((letter) => FLAG_LETTERS[letter] ?? []);
}

/**
 * The directories from the maildir's root down to a folder's own, in Dovecot's `LAYOUT=fs` with the
 * separator `/`: `Mailroom/Processed` is `Maildir/Mailroom/Processed`; INBOX is the root itself.
 */
function directoriesDownTo(maildir: string, folder: string): string[] {
  const segments = folder.toUpperCase() === 'INBOX' ? [] : folder.split('/');
  return segments.reduce((chain, segment) => [...chain, join(chain.at(-1)!, segment)], [maildir]);
}

async function ownedDirectory(path: string, owner: MaildirOwner): Promise<void> {
  const created = await mkdir(path, { mode: 0o700, recursive: true });
  if (created !== undefined) await chown(path, owner.uid, owner.gid);
}
