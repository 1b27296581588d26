import { Alert, Anchor, Grid, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useWorkspaceId } from '@/lib/auth';
import { useMessage, type Message } from '../api/messages';
import { MessageDetails } from '../components/message-details';
import { MessageTimeline } from '../components/message-timeline';

function MessageError({ error }: { error: NonNullable<Message['error']> }) {
  return (
    <Alert color="red" title={`Error ${error.code}`} mb="lg">
      <Text size="sm">{error.message}</Text>
      {error.hint && (
        <Text size="sm" mt="xs">
          <strong>What to do:</strong> {error.hint}
        </Text>
      )}
    </Alert>
  );
}

/** `/w/{ws}/messages/{id}`: one message, what it is and what happened to it. */
export function MessagePage() {
  const ws = useWorkspaceId();
  const { id = '' } = useParams();
  const message = useMessage(ws, id);

  return (
    <>
      <Anchor component={Link} to={`/w/${ws}/messages`} size="sm">
        ← All messages
      </Anchor>
      <QueryState query={message}>
        {(data) => (
          <>
            <PageHeader title={data.subject || '(no subject)'} description={`To ${data.to.map((box) => box.email).join(', ')}`} />
            {data.error && <MessageError error={data.error} />}
            <Grid gap="xl">
              <Grid.Col span={{ base: 12, md: 7 }}>
                <Title order={2} size="h4" mb="sm">
                  Details
                </Title>
                <MessageDetails message={data} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <Title order={2} size="h4" mb="sm">
                  Timeline
                </Title>
                <MessageTimeline message={data} />
              </Grid.Col>
            </Grid>
          </>
        )}
      </QueryState>
    </>
  );
}
