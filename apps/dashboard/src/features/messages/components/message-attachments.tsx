import { Badge, Group, List, Text } from '@mantine/core';
import type { Message } from '../api/messages';

type Attachment = Message['attachments'][number];

const UNITS = ['bytes', 'kB', 'MB'] as const;

/** 48213 → "48.2 kB": decimal units, as mail clients show attachment sizes. */
function size(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

function AttachmentLine({ attachment }: { attachment: Attachment }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" fw={500} style={{ wordBreak: 'break-all' }}>
        {attachment.filename}
      </Text>
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {attachment.contentType}, {size(attachment.size)}
      </Text>
      {attachment.contentId && (
        <Badge variant="outline" color="gray" size="sm" title={`Shown in the HTML as cid:${attachment.contentId}`}>
          inline
        </Badge>
      )}
    </Group>
  );
}

/** The files a message carried, by name, type and size (never their content); a dash when it had none or they were purged. */
export function MessageAttachments({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return <>—</>;
  return (
    <List listStyleType="none" spacing={4} aria-label="Attachments">
      {attachments.map((attachment, position) => (
        // The same file may be attached twice under one name: its place in the message is what tells them apart.
        <List.Item key={position}>
          <AttachmentLine attachment={attachment} />
        </List.Item>
      ))}
    </List>
  );
}
