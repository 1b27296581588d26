import { PageHeader } from '@/components/page-header';
import { PagedResults } from '@/components/paged-results';
import { useWorkspaceId } from '@/lib/auth';
import { useUrlState } from '@/lib/url-state';
import { useAuditLog } from '../api/audit';
import { AuditTable } from '../components/audit-table';

/** `/w/{ws}/audit`: who did what in the workspace, newest first; the page's cursor is in its URL. */
export function AuditPage() {
  const ws = useWorkspaceId();
  const [{ cursor }, setUrl] = useUrlState(['cursor']);
  const log = useAuditLog(ws, cursor);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what in this workspace: sign-ins of its people, member changes, keys, integrations, broadcasts and settings. Entries are never changed or removed."
      />
      <PagedResults
        query={log}
        cursor={cursor}
        onCursor={(next) => setUrl({ cursor: next })}
        empty="Nothing has happened in this workspace yet."
      >
        {(rows) => <AuditTable events={rows} />}
      </PagedResults>
    </>
  );
}
