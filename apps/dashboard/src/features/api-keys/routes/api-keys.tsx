import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useApiKeys } from '../api/api-keys';
import { ApiKeysTable } from '../components/api-keys-table';
import { CreateApiKeyForm } from '../components/create-api-key-form';

/** `/w/{ws}/api-keys`: the keys application servers use (Authorization: Bearer mr_…). */
export function ApiKeysPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const keys = useApiKeys(ws);

  return (
    <>
      <PageHeader
        title="API keys"
        description="Application servers call Mailroom with a key in the Authorization header (Bearer mr_…). Mailroom stores only a hash of each key: it is shown once, when created."
      />
      {can('POST /v1/workspaces/{ws}/api-keys') && <CreateApiKeyForm ws={ws} />}
      <QueryState
        query={keys}
        isEmpty={(page) => page.data.length === 0}
        empty="No API key: create one for each application that sends mail."
      >
        {(page) => <ApiKeysTable ws={ws} keys={page.data} />}
      </QueryState>
    </>
  );
}
