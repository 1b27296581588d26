import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { OPERATION_SUMMARIES } from './openapi-summaries';

/** The security scheme of the header `X-Mailroom-Client: dashboard` (configure-http-app.ts declares it). */
export const DASHBOARD_CLIENT_SCHEME = 'dashboardClient';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** The path parameters the routes use, as the pipes read them: ids are uuids, `{email}` an address. */
const PATH_PARAMETERS: Readonly<Record<string, Omit<ParameterObject, 'name' | 'in' | 'required'>>> = {
  ws: { description: 'The workspace id', schema: { type: 'string', format: 'uuid' } },
  id: { description: "The resource's id", schema: { type: 'string', format: 'uuid' } },
  userId: { description: "The member's user id", schema: { type: 'string', format: 'uuid' } },
  contactId: { description: "The contact's id", schema: { type: 'string', format: 'uuid' } },
  deliveryId: { description: "The webhook delivery's id", schema: { type: 'string', format: 'uuid' } },
  n: { description: 'The version number: 1 is the first', schema: { type: 'integer', minimum: 1 } },
  email: { description: 'The suppressed address', schema: { type: 'string', format: 'email' } },
  token: { description: 'The signed token from the link in the message', schema: { type: 'string' } },
};

const BEARER = { bearer: [] };
const SESSION = { cookie: [] };
/** A cookie-signed change also needs the dashboard's header (cross-site request forgery); reads and bearer tokens do not. */
const SESSION_CHANGE = { cookie: [], [DASHBOARD_CLIENT_SCHEME]: [] };

/**
 * Makes the generated document complete enough to generate a typed client from: path parameters,
 * security, servers, summaries and the 4xx answers the guard, pipes and validation give every
 * route. What a route documents itself is kept; this only fills in what it leaves out.
 */
export function completeContract(document: OpenAPIObject, publicBaseUrl: string): void {
  document.servers = [{ url: publicBaseUrl }];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) completeOperation(`${method.toUpperCase()} ${path}`, path, operation);
    }
  }
}

function completeOperation(key: string, path: string, operation: OperationObject): void {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  declarePathParameters(operation, names);
  operation.summary ??= OPERATION_SUMMARIES[key];
  // Routes marked @Public() carry no security from Swagger: say so rather than leave it unknown.
  operation.security ??= [];
  const session = key.startsWith('GET ') ? SESSION : SESSION_CHANGE;
  // Every authenticated route but the person's own (`/v1/auth/…`, cookie only) accepts either credential.
  if (operation.security.some((requirement) => 'bearer' in requirement)) operation.security = [BEARER, session];
  else if (operation.security.some((requirement) => 'cookie' in requirement)) operation.security = [session];

  const authenticated = operation.security.some((requirement) => 'bearer' in requirement || 'cookie' in requirement);
  const validated = operation.requestBody !== undefined || (operation.parameters ?? []).some((parameter) => isQuery(parameter));
  addResponse(operation, 400, validated, 'The request failed validation: the message names each field');
  addResponse(operation, 401, authenticated, 'No valid bearer token or session');
  addResponse(operation, 403, authenticated, "The caller's role or API-key scope does not allow this route");
  addResponse(operation, 404, names.length > 0, notFound(names));
}

/** Each `{name}` of the path as a required, described, typed parameter, whatever the controller said of it. */
function declarePathParameters(operation: OperationObject, names: string[]): void {
  const others = (operation.parameters ?? []).filter((parameter) => isReference(parameter) || parameter.in !== 'path');
  const declared = (operation.parameters ?? []).filter(
    (parameter): parameter is ParameterObject => !isReference(parameter) && parameter.in === 'path',
  );
  const pathParameters = names.map((name): ParameterObject => {
    const known = PATH_PARAMETERS[name] ?? { description: name, schema: { type: 'string' } };
    const existing = declared.find((parameter) => parameter.name === name);
    return { ...existing, name, in: 'path', required: true, description: existing?.description ?? known.description, schema: known.schema };
  });
  operation.parameters = [...pathParameters, ...others];
}

function notFound(names: string[]): string {
  const causes = [
    ...(names.includes('ws') ? ['no such workspace, or the caller is not one of its members'] : []),
    ...(names.some((name) => name !== 'ws') ? ['no such resource (a malformed id is not found either)'] : []),
  ];
  const text = causes.join('; or ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function addResponse(operation: OperationObject, status: number, applies: boolean, description: string): void {
  if (applies && !operation.responses[status]) operation.responses[status] = { description };
}

function isReference(parameter: ParameterObject | ReferenceObject): parameter is ReferenceObject {
  return '$ref' in parameter;
}

function isQuery(parameter: ParameterObject | ReferenceObject): boolean {
  return !isReference(parameter) && parameter.in === 'query';
}
