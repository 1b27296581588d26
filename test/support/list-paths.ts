/**
 * The list endpoints of the workspace `workspace()` returns when a path is built, so that a spec can name them
 * once at declaration and still get a fresh workspace per test.
 */
export function listPaths(workspace: () => { id: string }) {
  const lists = (suffix = '') => `/v1/workspaces/${workspace().id}/lists${suffix}`;
  const members = (list: { id: string }, suffix = '') => lists(`/${list.id}/contacts${suffix}`);
  return { lists, members };
}
