import { Anchor, Badge, Group, Text, Timeline } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime } from '@/lib/format';
import type { Message, MessageEvent } from '../api/messages';

const TITLES: Record<MessageEvent['type'], string> = {
  sent: 'Sent',
  failed: 'Failed',
  retry: 'Deferred: will be tried again',
  open: 'Opened',
  click: 'Clicked',
  unsubscribe: 'Unsubscribed',
  suppressed: 'Not sent: suppressed',
  tracking_skipped: 'Sent without tracking',
  bounce: 'Bounced',
  complaint: 'Complaint: marked as spam',
};

const COLOURS: Partial<Record<MessageEvent['type'], string>> = {
  sent: 'green',
  failed: 'red',
  retry: 'orange',
  suppressed: 'yellow',
  bounce: 'red',
  complaint: 'red',
};

/** Opens and clicks by proxies and scanners are shown with the reason they were taken for machines, and not counted. */
function WhoBadge({ event }: { event: MessageEvent }) {
  if (event.type !== 'open' && event.type !== 'click') return null;
  return event.bot ? (
    <Badge color="gray" variant="light" size="sm">
      machine{event.detail ? `: ${event.detail}` : ''}
    </Badge>
  ) : (
    <Badge color="teal" variant="light" size="sm">
      person
    </Badge>
  );
}

function eventText(event: MessageEvent): ReactNode {
  if (event.type === 'sent') return event.detail && <>SMTP reply: {event.detail}</>;
  if (event.type === 'click') return event.url && <Anchor href={event.url}>{event.url}</Anchor>;
  if (event.type === 'open') return null;
  if (event.bounce) {
    const { kind, status, recipient, diagnostic, reportingMta } = event.bounce;
    const what = kind === 'hard' ? 'hard bounce: the address is suppressed' : 'soft bounce: delayed, not suppressed';
    return `${recipient}: ${status} (${what})${diagnostic ? `. ${diagnostic}` : ''}${reportingMta ? `, reported by ${reportingMta}` : ''}`;
  }
  if (event.complaint) return `${event.complaint.recipient} reported it (${event.complaint.feedbackType}): the address is suppressed`;
  return event.detail;
}

/** What happened to the message, oldest first, from its acceptance on. */
export function MessageTimeline({ message }: { message: Message }) {
  return (
    <Timeline bulletSize={14} lineWidth={2}>
      <Timeline.Item
        title={
          <Text fw={600} size="sm">
            Accepted and queued
          </Text>
        }
      >
        <Text size="xs" c="dimmed">
          {formatDateTime(message.createdAt)}
        </Text>
      </Timeline.Item>
      {message.events.map((event, index) => (
        <Timeline.Item
          key={`${event.at}-${index}`}
          color={COLOURS[event.type]}
          title={
            <Group gap="xs">
              <Text fw={600} size="sm">
                {TITLES[event.type]}
              </Text>
              <WhoBadge event={event} />
            </Group>
          }
        >
          <Text size="xs" c="dimmed">
            {formatDateTime(event.at)}
          </Text>
          {eventText(event) && (
            <Text size="sm" style={{ wordBreak: 'break-word' }}>
              {eventText(event)}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
