import type { ComponentType } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { PageLoader } from './page-loader';
import { RouteError } from './route-error';
import { SessionGuard } from './session-guard';

/** A page's code arrives when it is first opened: `load` imports its module, `name` is the component it exports. */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: (await load())[name] as ComponentType }) };
}

/** Every URL of the dashboard (../shared/API.md "Dashboard"); each works on a fresh load. */
const routes: RouteObject[] = [
  { path: '/login', ...page(() => import('@/features/auth/routes/login'), 'LoginPage') },
  { path: '/setup', ...page(() => import('@/features/auth/routes/setup'), 'SetupPage') },
  { path: '/invite/:token', ...page(() => import('@/features/auth/routes/invite'), 'InvitePage') },
  { path: '/reset-password', ...page(() => import('@/features/auth/routes/reset-password'), 'ResetPasswordPage') },
  {
    element: <SessionGuard />,
    children: [
      { path: '/', ...page(() => import('@/features/workspaces/routes/home'), 'HomePage') },
      { path: '/workspaces', ...page(() => import('@/features/workspaces/routes/workspaces'), 'WorkspacesPage') },
      { path: '/account', ...page(() => import('@/features/account/routes/account'), 'AccountPage') },
      {
        path: '/w/:ws',
        ...page(() => import('./layout/workspace-layout'), 'WorkspaceLayout'),
        children: [
          { index: true, ...page(() => import('@/features/overview/routes/overview'), 'OverviewPage') },
          { path: 'integrations', ...page(() => import('@/features/integrations/routes/integrations'), 'IntegrationsPage') },
          { path: 'integrations/new', ...page(() => import('@/features/integrations/routes/new-integration'), 'NewIntegrationPage') },
          { path: 'integrations/:id', ...page(() => import('@/features/integrations/routes/integration'), 'IntegrationPage') },
          { path: 'messages', ...page(() => import('@/features/messages/routes/messages'), 'MessagesPage') },
          { path: 'messages/:id', ...page(() => import('@/features/messages/routes/message'), 'MessagePage') },
          { path: 'contacts', ...page(() => import('@/features/contacts/routes/contacts'), 'ContactsPage') },
          { path: 'contacts/:id', ...page(() => import('@/features/contacts/routes/contact'), 'ContactPage') },
          { path: 'lists', ...page(() => import('@/features/lists/routes/lists'), 'ListsPage') },
          { path: 'lists/:id', ...page(() => import('@/features/lists/routes/list'), 'ListPage') },
          { path: 'broadcasts', ...page(() => import('@/features/broadcasts/routes/broadcasts'), 'BroadcastsPage') },
          { path: 'broadcasts/new', ...page(() => import('@/features/broadcasts/routes/new-broadcast'), 'NewBroadcastPage') },
          { path: 'broadcasts/:id', ...page(() => import('@/features/broadcasts/routes/broadcast'), 'BroadcastPage') },
          { path: 'templates', ...page(() => import('@/features/templates/routes/templates'), 'TemplatesPage') },
          { path: 'templates/new', ...page(() => import('@/features/templates/routes/new-template'), 'NewTemplatePage') },
          { path: 'templates/:id', ...page(() => import('@/features/templates/routes/template'), 'TemplatePage') },
          { path: 'suppressions', ...page(() => import('@/features/suppressions/routes/suppressions'), 'SuppressionsPage') },
          { path: 'webhooks', ...page(() => import('@/features/webhooks/routes/webhooks'), 'WebhooksPage') },
          { path: 'webhooks/:id', ...page(() => import('@/features/webhooks/routes/webhook'), 'WebhookPage') },
          { path: 'api-keys', ...page(() => import('@/features/api-keys/routes/api-keys'), 'ApiKeysPage') },
          { path: 'members', ...page(() => import('@/features/members/routes/members'), 'MembersPage') },
          { path: 'audit', ...page(() => import('@/features/audit/routes/audit'), 'AuditPage') },
          { path: 'settings', ...page(() => import('@/features/settings/routes/settings'), 'SettingsPage') },
        ],
      },
    ],
  },
  { path: '*', ...page(() => import('./not-found'), 'NotFoundPage') },
];

const router = createBrowserRouter(
  routes.map((route) => ({ errorElement: <RouteError />, hydrateFallbackElement: <PageLoader />, ...route })),
);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
