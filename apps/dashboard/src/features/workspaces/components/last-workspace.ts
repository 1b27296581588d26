const KEY = 'mailroom.lastWorkspace';

/** Which workspace `/` opens: an id, never a credential, so it may live in localStorage. */
export function lastWorkspace(): string | null {
  return window.localStorage.getItem(KEY);
}

export function rememberWorkspace(workspaceId: string): void {
  window.localStorage.setItem(KEY, workspaceId);
}
