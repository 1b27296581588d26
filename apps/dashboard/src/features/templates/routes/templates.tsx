import { Button } from '@mantine/core';
import { Link } from 'react-router';
import { CursorPager } from '@/components/cursor-pager';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { Refreshing } from '@/components/refreshing';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useUrlState } from '@/lib/url-state';
import { useTemplates } from '../api/templates';
import { TemplatesTable } from '../components/templates-table';

/** `/w/{ws}/templates`: the workspace's stored templates in key order, a page at a time; the page is in the URL. */
export function TemplatesPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const [{ cursor }, setUrl] = useUrlState(['cursor'] as const);
  const templates = useTemplates(ws, cursor);
  return (
    <>
      <PageHeader
        title="Templates"
        description='Mail whose wording lives here instead of in application code: applications send with "template": {"key": …, "data": {…}}, and each change is a new version.'
        actions={
          can('POST /v1/workspaces/{ws}/templates') && (
            <Button component={Link} to={`/w/${ws}/templates/new`}>
              New template
            </Button>
          )
        }
      />
      <QueryState
        query={templates}
        isEmpty={(page) => page.data.length === 0 && !cursor}
        empty="No templates yet: write the first one, then send it by its key."
      >
        {(page) => (
          <>
            <Refreshing active={templates.isPlaceholderData}>
              <TemplatesTable ws={ws} templates={page.data} />
            </Refreshing>
            <CursorPager
              cursor={cursor}
              nextCursor={page.nextCursor}
              shown={page.data.length}
              onCursor={(next) => setUrl({ cursor: next })}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
