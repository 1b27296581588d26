import createClient from 'openapi-fetch';
import { apiErrorFrom } from './api-error';
import type { paths } from './api/schema';

/**
 * The dashboard's only way to the server: a client typed from the OpenAPI document the API serves
 * (`npm run api:client` regenerates `api/schema.d.ts`). The session is the HttpOnly cookie the
 * browser keeps; nothing is stored in `localStorage`. The header tells the API that a cookie-signed
 * change comes from the dashboard's own pages.
 */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
  headers: { 'X-Mailroom-Client': 'dashboard' },
});

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or an ApiError carrying the status and the API's messages. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw apiErrorFrom(response, error);
  return data as T;
}
