import { SetMetadata } from '@nestjs/common';
import type { ApiKeyScope } from '@app/database';

export const PUBLIC_ROUTE = 'mailroom:public';
export const PLATFORM_ONLY = 'mailroom:platform-only';
export const REQUIRED_SCOPE = 'mailroom:required-scope';

/** No bearer token needed (health, tracking pixels, OAuth callback). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only the operator's platform admin token (creating and listing workspaces). */
export const PlatformOnly = () => SetMetadata(PLATFORM_ONLY, true);

/** Workspace routes need the `admin` scope unless they say otherwise. */
export const RequiredScope = (scope: ApiKeyScope) => SetMetadata(REQUIRED_SCOPE, scope);
