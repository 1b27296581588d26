/** The 403 every member and invitation route documents: people are never managed with an API key. */
export const NOT_BY_KEY = 'An API key (people are managed by a signed-in admin or the operator token), or a role below admin';
