import { applyDecorators, SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'mailroom:public';
export const PLATFORM_ONLY = 'mailroom:platform-only';
export const DASHBOARD_FORM = 'mailroom:dashboard-form';

/** No bearer token needed (health, tracking pixels, OAuth callback). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Public, but only as the dashboard sends it (sign-in, set-up, password reset): the header
 * `X-Mailroom-Client: dashboard`, and the dashboard's Origin when a browser names one.
 */
export const DashboardForm = () => applyDecorators(Public(), SetMetadata(DASHBOARD_FORM, true));

/** Only operators: the platform admin token or a person with operator rights (creating and listing workspaces). */
export const PlatformOnly = () => SetMetadata(PLATFORM_ONLY, true);
