import { bearer, TestApp } from './test-app';

export interface WorkspaceRead {
  path: string;
  status: number;
  /** The body of each page, one for a route that is not paged. */
  pages: unknown[];
}

type Item = Record<string, unknown>;

/**
 * Every GET the OpenAPI document lists under a workspace, asked with `token`: routes without
 * parameters as they are, every page of them (cursor by cursor), and routes with parameters
 * once for each item the route above lists (`/messages/{id}` for each message of `/messages`).
 * `known` gives values for parameters no list names (an id the test holds), by route template.
 */
export async function everyWorkspaceRead(
  t: TestApp,
  workspaceId: string,
  token: string,
  known: Record<string, string[]> = {},
): Promise<WorkspaceRead[]> {
  const document = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
  const templates = Object.keys(document.paths).filter(
    (path) => (path === '/v1/workspaces/{ws}' || path.startsWith('/v1/workspaces/{ws}/')) && document.paths[path]!.get,
  );
  const reads = new Map<string, WorkspaceRead>();

  const read = async (path: string): Promise<WorkspaceRead> => {
    const cached = reads.get(path);
    if (cached) return cached;
    const pages: unknown[] = [];
    let response = await t.http.get(path).set(bearer(token));
    pages.push(response.body);
    while (response.status === 200 && typeof (response.body as { nextCursor?: unknown }).nextCursor === 'string') {
      response = await t.http
        .get(path)
        .query({ cursor: (response.body as { nextCursor: string }).nextCursor })
        .set(bearer(token));
      pages.push(response.body);
    }
    const done = { path, status: response.status, pages };
    reads.set(path, done);
    return done;
  };

  /** What a list route answered: `{data: [...]}` pages, or an array. */
  const itemsOf = (found: WorkspaceRead): Item[] =>
    found.status !== 200
      ? []
      : found.pages.flatMap((page) => {
          const data = (page as { data?: unknown } | null)?.data ?? page;
          return Array.isArray(data) ? (data as Item[]) : [];
        });

  /** The concrete paths of a template, resolving its parameters left to right. */
  const expand = async (template: string): Promise<string[]> => {
    const segments = template.split('/').slice(1);
    let prefixes = [''];
    for (const [index, segment] of segments.entries()) {
      const parameter = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (!parameter) {
        prefixes = prefixes.map((prefix) => `${prefix}/${segment}`);
        continue;
      }
      if (parameter === 'ws') {
        prefixes = prefixes.map((prefix) => `${prefix}/${workspaceId}`);
        continue;
      }
      const partial = `/${segments.slice(0, index + 1).join('/')}`;
      const next: string[] = [];
      for (const prefix of prefixes) {
        const listed = itemsOf(await read(prefix))
          .map((item) => item[parameter] ?? item.id ?? item.version)
          .filter((value): value is string | number => typeof value === 'string' || typeof value === 'number');
        for (const value of [...listed, ...(known[partial] ?? [])]) next.push(`${prefix}/${encodeURIComponent(String(value))}`);
      }
      prefixes = next;
    }
    return prefixes;
  };

  for (const template of templates) {
    for (const path of await expand(template)) await read(path);
  }
  return [...reads.values()];
}
