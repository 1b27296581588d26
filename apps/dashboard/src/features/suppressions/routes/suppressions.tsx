import { PageHeader } from '@/components/page-header';
import { PagedResults } from '@/components/paged-results';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useUrlState } from '@/lib/url-state';
import { useSuppressions } from '../api/suppressions';
import { AddSuppressionForm } from '../components/add-suppression-form';
import { SuppressionsTable } from '../components/suppressions-table';

/** `/w/{ws}/suppressions`: the addresses marketing mail skips; the page's cursor is in its URL. */
export function SuppressionsPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const [{ cursor }, setUrl] = useUrlState(['cursor']);
  const suppressions = useSuppressions(ws, cursor);

  return (
    <>
      <PageHeader
        title="Suppressions"
        description="Addresses that get no marketing mail (broadcasts and marketing messages), from the whole workspace or from one list. Transactional mail, such as password resets and receipts, still reaches them."
      />
      {can('POST /v1/workspaces/{ws}/suppressions') && <AddSuppressionForm ws={ws} />}
      <PagedResults
        query={suppressions}
        cursor={cursor}
        onCursor={(next) => setUrl({ cursor: next })}
        empty="No address is suppressed. Unsubscribes, bounces and complaints will appear here as they happen."
      >
        {(rows) => <SuppressionsTable ws={ws} rows={rows} />}
      </PagedResults>
    </>
  );
}
