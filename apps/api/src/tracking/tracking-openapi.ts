import type { OpenAPIObject } from '@nestjs/swagger';

const token = { name: 'token', in: 'path' as const, required: true, schema: { type: 'string' } };

/** The tracking routes are served ahead of Express (see tracking-fast-path.ts), so they are described here. */
export function describeTrackingRoutes(document: OpenAPIObject): void {
  document.paths['/t/o/{token}'] = {
    get: {
      tags: ['tracking'],
      summary: 'Open pixel: records an open',
      parameters: [token],
      responses: {
        '200': { description: 'A 1×1 transparent GIF (Cache-Control: no-store)', content: { 'image/gif': {} } },
        '404': { description: 'Unknown or tampered token: nothing recorded' },
      },
    },
  };
  document.paths['/t/c/{token}'] = {
    get: {
      tags: ['tracking'],
      summary: "Tracked link: records a click and redirects to the link's original URL",
      parameters: [token],
      responses: {
        '302': { description: 'Redirect to the original URL (Location)' },
        '404': { description: 'Unknown or tampered token: no redirect' },
      },
    },
  };
}
