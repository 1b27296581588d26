import { BadRequestException, Injectable, PayloadTooLargeException, UnprocessableEntityException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '@app/config';
import type { MessageAttachment } from '@app/messages';
import {
  canonicalBase64,
  contentTypeFor,
  decodedLength,
  executableKind,
  extensionForContentType,
  extensionOf,
  MAX_FILENAME_LENGTH,
  safeFilename,
} from './attachment-content';
import type { MessageAttachmentDto } from './message.dto';

/** An attachment as a message links it, with the decoded bytes to store. */
export interface AcceptedAttachment extends MessageAttachment {
  content: Buffer;
}

/** What a message stores of an accepted attachment: everything but its bytes. */
export function linkOf({ sha256, size, filename, contentType, contentId }: AcceptedAttachment): MessageAttachment {
  return { sha256, size, filename, contentType, contentId };
}

/**
 * Turns the attachments of a send into files to store and links to write: names cleaned, types
 * defaulted, limits and the deny-list applied. The checks that need no decoding run first, so an
 * oversized or malformed request is refused before its bytes are copied.
 */
@Injectable()
export class AttachmentIntake {
  private readonly denied: ReadonlySet<string>;

  constructor(private readonly config: AppConfig) {
    this.denied = new Set(config.ATTACHMENT_DENIED_EXTENSIONS);
  }

  /** `field` is the request path of the message (`""` for a single send, `"messages[3]."` in a batch). */
  accept(inputs: MessageAttachmentDto[] | undefined, field: string): AcceptedAttachment[] {
    if (!inputs || inputs.length === 0) return [];
    const { MESSAGE_MAX_ATTACHMENTS: maxFiles, MESSAGE_MAX_ATTACHMENT_BYTES: maxBytes } = this.config;
    if (inputs.length > maxFiles) {
      throw new PayloadTooLargeException(
        `${field}attachments: ${inputs.length} files; a message may carry at most ${maxFiles} (MESSAGE_MAX_ATTACHMENTS)`,
      );
    }
    const checked = inputs.map((input, index) => this.check(input, `${field}attachments[${index}]`));
    const contentIds = new Map<string, string>();
    for (const { contentId, path } of checked) {
      if (contentId === null) continue;
      const holder = contentIds.get(contentId);
      if (holder) throw new BadRequestException([`${path}.contentId ${contentId} is already the Content-ID of ${holder}`]);
      contentIds.set(contentId, path);
    }
    const total = checked.reduce((sum, attachment) => sum + decodedLength(attachment.base64), 0);
    if (total > maxBytes) {
      throw new PayloadTooLargeException(
        `${field}attachments: ${total} bytes decoded; a message may carry at most ${maxBytes} (MESSAGE_MAX_ATTACHMENT_BYTES)`,
      );
    }
    return checked.map(({ base64, path, ...link }) => {
      const content = Buffer.from(base64, 'base64');
      const kind = executableKind(content);
      if (kind && this.denied.has(kind)) {
        throw new UnprocessableEntityException([
          `${path} (${link.filename}): its content is an executable or a script (.${kind}), which is refused`,
        ]);
      }
      return { ...link, size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content };
    });
  }

  private check(input: MessageAttachmentDto, path: string) {
    const filename = safeFilename(input.filename);
    if (!filename) throw new BadRequestException([`${path}.filename has nothing left once paths and control characters are removed`]);
    if (filename.length > MAX_FILENAME_LENGTH) {
      throw new BadRequestException([`${path}.filename must be at most ${MAX_FILENAME_LENGTH} characters without its path`]);
    }
    const base64 = canonicalBase64(input.content);
    if (base64 === null) {
      throw new BadRequestException([`${path}.content must be base64 (RFC 4648: A-Z, a-z, 0-9, + and /, padded with =)`]);
    }
    const contentType = contentTypeFor(filename, input.contentType);
    const refused = [extensionOf(filename), extensionForContentType(contentType)].find((extension) => this.denied.has(extension));
    if (refused) {
      throw new UnprocessableEntityException([
        `${path} (${filename}): files of type .${refused} (executables, scripts) are refused (ATTACHMENT_DENIED_EXTENSIONS)`,
      ]);
    }
    return { path, base64, filename, contentType, contentId: input.contentId ?? null };
  }
}
