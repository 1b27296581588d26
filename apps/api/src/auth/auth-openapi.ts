import { applyDecorators } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiSecurity, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { DASHBOARD_CLIENT_HEADER } from '@app/tenancy';
import { DASHBOARD_CLIENT_SCHEME } from '../http/openapi-contract';

/** The header as a security requirement of its own: the typed client sends it on every call, so no operation lists it as a parameter. */
const CLIENT_HEADER = ApiSecurity(DASHBOARD_CLIENT_SCHEME);

/** The public forms: no credentials, but only as the dashboard sends them. `refusal` says what else answers 403. */
export const DashboardFormDocs = (refusal?: string) =>
  applyDecorators(
    CLIENT_HEADER,
    ApiForbiddenResponse({
      description: `Refused as a possible cross-site request: no ${DASHBOARD_CLIENT_HEADER} header, or another site's Origin${refusal ? `; or ${refusal}` : ''}`,
    }),
  );

/** Routes about the signed-in person: the session cookie, and for changes the dashboard's origin and header. */
export const SessionDocs = (changes: boolean) =>
  applyDecorators(
    ApiCookieAuth(),
    ApiUnauthorizedResponse({ description: 'No session cookie, or the session expired or was ended' }),
    ...(changes
      ? [
          ApiForbiddenResponse({
            description: `A bearer token (these routes are a person's), or a cross-site request: another Origin, or no ${DASHBOARD_CLIENT_HEADER} header`,
          }),
        ]
      : [ApiForbiddenResponse({ description: "A bearer token: these routes are a signed-in person's" })]),
  );

export const ThrottleDocs = () =>
  ApiTooManyRequestsResponse({
    description: 'Too many failed sign-ins for the account from this address, or from this address; see Retry-After',
  });
