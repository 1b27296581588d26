import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiErrorFrom } from '@/lib/api-error';
import type { paths } from '@/lib/api/schema';
import { listsKey } from './lists';

const IMPORT_PATH = '/v1/workspaces/{ws}/lists/{id}/import' satisfies keyof paths;
type ImportOperation = paths[typeof IMPORT_PATH]['post'];
type ImportPath = ImportOperation['parameters']['path'];
export type ImportResult = ImportOperation['responses'][200]['content']['application/json'];

/** How much of the file has gone up, 0 to 1. */
export type UploadProgress = (fraction: number) => void;

/**
 * The one call the dashboard makes without the typed openapi-fetch client: fetch cannot report
 * how much of a request body has been sent, and a 5 MB CSV on a slow line needs a progress bar.
 * XMLHttpRequest's `upload.onprogress` can. The URL, path parameters and answer are still the
 * OpenAPI document's (`paths[IMPORT_PATH]`), so a change to the endpoint is a type error here
 * too; the body is the file itself, which the document types as the CSV's text.
 */
function uploadContactsCsv(path: ImportPath, file: File, onProgress: UploadProgress): Promise<ImportResult> {
  const url = IMPORT_PATH.replace('{ws}', encodeURIComponent(path.ws)).replace('{id}', encodeURIComponent(path.id));
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.responseType = 'json';
    request.setRequestHeader('Content-Type', 'text/csv');
    // As api-client.ts: the API takes a cookie-signed change only from the dashboard's own pages.
    request.setRequestHeader('X-Mailroom-Client', 'dashboard');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) return resolve(request.response as ImportResult);
      const headers = new Headers();
      const retryAfter = request.getResponseHeader('Retry-After');
      if (retryAfter) headers.set('Retry-After', retryAfter);
      reject(apiErrorFrom(new Response(null, { status: request.status, headers }), request.response));
    };
    // As fetch does when the server cannot be reached (describeError words it for people).
    request.onerror = () => reject(new TypeError('The upload did not reach the server'));
    request.send(file);
  });
}

/** Imports a CSV file into the list; `onProgress` follows the upload, the answer says what was imported, updated and rejected. */
export function useImportContactsCsv(ws: string, listId: string, onProgress: UploadProgress) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadContactsCsv({ ws, id: listId }, file, onProgress),
    onSettled: () => queryClient.invalidateQueries({ queryKey: listsKey(ws) }),
  });
}
