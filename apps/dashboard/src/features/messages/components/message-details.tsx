import { Badge, Code, Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime, formatNumber } from '@/lib/format';
import type { Message } from '../api/messages';
import { MessageAttachments } from './message-attachments';
import { MessageStatusBadge } from './message-status-badge';

type Mailbox = Message['to'][number];

const mailbox = (box: Mailbox) => (box.name ? `${box.name} <${box.email}>` : box.email);
const mailboxes = (boxes: Mailbox[]) => (boxes.length > 0 ? boxes.map(mailbox).join(', ') : '—');
const onOff = (on: boolean) => (on ? 'tracked' : 'not tracked');

/** Everything the API says about the message besides its timeline, as rows of a table headed by their name. */
export function MessageDetails({ message }: { message: Message }) {
  const rows: [string, ReactNode][] = [
    ['Status', <MessageStatusBadge key="status" status={message.status} />],
    ['Type', message.type],
    ['From', mailbox(message.from)],
    ['To', mailboxes(message.to)],
    ...(message.cc.length > 0 ? ([['Cc', mailboxes(message.cc)]] as [string, ReactNode][]) : []),
    ...(message.bcc.length > 0 ? ([['Bcc', mailboxes(message.bcc)]] as [string, ReactNode][]) : []),
    ['Subject', message.subject || '(no subject)'],
    ['Attachments', <MessageAttachments key="attachments" attachments={message.attachments} />],
    ['Created', formatDateTime(message.createdAt)],
    ['Sent', formatDateTime(message.sentAt)],
    ['Attempts', formatNumber(message.attempts)],
    ['Message-ID', message.smtp.messageId ? <Code key="id">{message.smtp.messageId}</Code> : '—'],
    ['Last SMTP reply', message.smtp.response ?? '—'],
    ['Opens (people)', formatNumber(message.opens)],
    ['Clicks (people)', formatNumber(message.clicks)],
    [
      'Tracking',
      <Text key="tracking" size="sm">
        Opens {onOff(message.tracking.opens)}, clicks {onOff(message.tracking.clicks)}
        {message.tracking.skipped ? ` — ${message.tracking.skipped}` : ''}
      </Text>,
    ],
    [
      'Tags',
      message.tags.length > 0 ? (
        <Group key="tags" gap={4}>
          {message.tags.map((tag) => (
            <Badge key={tag} variant="outline" color="gray" size="sm">
              {tag}
            </Badge>
          ))}
        </Group>
      ) : (
        '—'
      ),
    ],
    [
      'Metadata',
      Object.keys(message.metadata).length > 0 ? (
        <Code key="metadata" block>
          {JSON.stringify(message.metadata, null, 2)}
        </Code>
      ) : (
        '—'
      ),
    ],
  ];
  return (
    <Table variant="vertical" layout="fixed" withTableBorder>
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th w={160}>{name}</Table.Th>
            <Table.Td style={{ wordBreak: 'break-word' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
