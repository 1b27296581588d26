import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { CursorPager } from './cursor-pager';
import { QueryState } from './query-state';
import { Refreshing } from './refreshing';

/** A page of a cursor-paged list, as the API answers it. */
export interface CursorPage<T> {
  data: T[];
  nextCursor?: string | null;
}

/**
 * One cursor-paged list, the same on every page: loading, failure and emptiness, the rows (dimmed
 * while the next page or filter loads) and the pager whose cursor lives in the URL. `empty` shows
 * only on the first page; a later page that comes back empty still offers the way back.
 */
export function PagedResults<T>({
  query,
  cursor,
  onCursor,
  empty,
  children,
}: {
  query: UseQueryResult<CursorPage<T>>;
  cursor?: string;
  onCursor: (cursor: string | undefined) => void;
  empty: ReactNode;
  children: (rows: T[]) => ReactNode;
}) {
  return (
    <QueryState query={query} isEmpty={(page) => page.data.length === 0 && !cursor} empty={empty}>
      {(page) => (
        <>
          <Refreshing active={query.isPlaceholderData}>{children(page.data)}</Refreshing>
          <CursorPager cursor={cursor} nextCursor={page.nextCursor} shown={page.data.length} onCursor={onCursor} />
        </>
      )}
    </QueryState>
  );
}
