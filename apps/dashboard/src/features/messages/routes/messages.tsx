import { Code } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors } from '@/components/form-fields';
import { PageHeader } from '@/components/page-header';
import { PagedResults } from '@/components/paged-results';
import { useWorkspaceId } from '@/lib/auth';
import { useUrlState } from '@/lib/url-state';
import { MESSAGE_FILTER_KEYS, useMessages } from '../api/messages';
import { MessageFiltersForm } from '../components/message-filters';
import { MessagesTable } from '../components/messages-table';

const FILTER_FIELDS = MESSAGE_FILTER_KEYS.filter((key) => key !== 'cursor');

/** `/w/{ws}/messages`: every message of the workspace, newest first, filtered and paged by the URL. */
export function MessagesPage() {
  const ws = useWorkspaceId();
  const [filters, setFilters] = useUrlState(MESSAGE_FILTER_KEYS);
  const messages = useMessages(ws, filters);
  const filtered = FILTER_FIELDS.some((key) => filters[key]);
  // A filter the API refused is named at its input; anything else (a stale cursor, a lost connection) above the table.
  const failed = messages.isError;

  return (
    <>
      <PageHeader
        title="Messages"
        description="What this workspace sent, is sending or could not send. Open one for its timeline: attempts, the SMTP server's replies, opens and clicks."
      />
      <MessageFiltersForm
        filters={filters}
        onChange={setFilters}
        errorFor={(field) => (failed ? fieldError(messages.error, field) : undefined)}
      />
      {failed ? (
        <ErrorAlert error={messages.error} messages={formLevelErrors(messages.error, FILTER_FIELDS)} title="Could not load messages" />
      ) : (
        <PagedResults
          query={messages}
          cursor={filters.cursor}
          onCursor={(cursor) => setFilters({ cursor })}
          empty={
            filtered ? (
              'No message matches these filters.'
            ) : (
              <>
                No message yet. Applications send through the API: <Code>POST /v1/workspaces/{ws}/messages</Code>
              </>
            )
          }
        >
          {(rows) => <MessagesTable ws={ws} messages={rows} />}
        </PagedResults>
      )}
    </>
  );
}
