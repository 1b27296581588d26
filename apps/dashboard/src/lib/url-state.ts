import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A page's filters in its URL (`?status=failed&to=a@example.com`), so a view can be shared and the
 * back button returns to it. Setting a value replaces the history entry only when `replace` says so
 * (typing in a search box); a changed filter is a new entry.
 */
export function useUrlState<K extends string>(
  keys: readonly K[],
): [Partial<Record<K, string>>, (changes: Partial<Record<K, string | undefined>>, options?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.flatMap((key) => (params.get(key) ? [[key, params.get(key)]] : []))) as Partial<Record<K, string>>;
  const update = useCallback(
    (changes: Partial<Record<K, string | undefined>>, options: { replace?: boolean } = {}) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes) as [K, string | undefined][]) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: options.replace },
      ),
    [setParams],
  );
  return [values, update];
}
