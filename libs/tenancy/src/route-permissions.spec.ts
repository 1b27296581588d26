import { onlyReads, ROUTE_PERMISSIONS } from './route-permissions';

const operations = Object.entries(ROUTE_PERMISSIONS);
const allowedTo = (role: 'admin' | 'member' | 'viewer') =>
  operations.filter(([, permission]) => permission.roles.includes(role)).map(([operation]) => operation);

describe('route permissions', () => {
  it('lets admins call every workspace route', () => {
    expect(allowedTo('admin')).toEqual(operations.map(([operation]) => operation));
  });

  it('lets viewers read, and render previews (which store and send nothing), and nothing else', () => {
    expect(allowedTo('viewer').filter((operation) => !onlyReads(operation))).toEqual([]);
  });

  it('keeps viewers out of API keys, invitations and the audit log', () => {
    const viewer = allowedTo('viewer');
    expect(viewer.filter((operation) => /\/(api-keys|invitations|audit)/.test(operation))).toEqual([]);
  });

  it('lets members write contacts, lists, broadcasts, suppressions, templates and messages, and only read integrations', () => {
    const writes = allowedTo('member').filter((operation) => !onlyReads(operation));
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((operation) => !/\{ws\}\/(contacts|lists|broadcasts|suppressions|templates|messages)\b/.test(operation))).toEqual(
      [],
    );
    expect(allowedTo('member').filter((operation) => operation.includes('/integrations'))).toEqual([
      'GET /v1/workspaces/{ws}/integrations',
      'GET /v1/workspaces/{ws}/integrations/{id}',
    ]);
  });

  it('gives send-scope keys the messages routes, their stats, and the reading, rendering and testing of templates, and nothing else', () => {
    const send = operations.filter(([, permission]) => permission.apiKeyScope === 'send').map(([operation]) => operation);
    expect(send.sort()).toEqual([
      'GET /v1/workspaces/{ws}/messages',
      'GET /v1/workspaces/{ws}/messages/{id}',
      'GET /v1/workspaces/{ws}/stats',
      'GET /v1/workspaces/{ws}/templates',
      'GET /v1/workspaces/{ws}/templates/{id}',
      'GET /v1/workspaces/{ws}/templates/{id}/versions',
      'GET /v1/workspaces/{ws}/templates/{id}/versions/{n}',
      'POST /v1/workspaces/{ws}/messages',
      'POST /v1/workspaces/{ws}/messages/batch',
      'POST /v1/workspaces/{ws}/templates/preview',
      'POST /v1/workspaces/{ws}/templates/{id}/preview',
      'POST /v1/workspaces/{ws}/templates/{id}/test',
    ]);
  });

  it('lets no API key near the members and invitations routes', () => {
    const people = operations.filter(([operation]) => /\/(members|invitations)/.test(operation));
    expect(people.length).toBeGreaterThan(0);
    expect(people.filter(([, permission]) => permission.apiKeyScope !== null)).toEqual([]);
  });
});
