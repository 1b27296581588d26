import { AppShell, Burger, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { NavLink as RouterNavLink, Outlet } from 'react-router';
import { rememberWorkspace } from '@/features/workspaces/components/last-workspace';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { PageLoader } from '../page-loader';
import { WORKSPACE_PAGES } from './navigation';
import { UserMenu } from './user-menu';
import { WorkspaceSwitcher } from './workspace-switcher';

/** Every `/w/{ws}/…` page: the workspace switcher, the pages the person may open, and the page. */
export function WorkspaceLayout() {
  const ws = useWorkspaceId();
  const can = useCan();
  const [opened, { toggle, close }] = useDisclosure();
  useEffect(() => rememberWorkspace(ws), [ws]);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Show pages" />
            <Text fw={700} c="blue">
              Mailroom
            </Text>
            <WorkspaceSwitcher />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Workspace pages">
        <ScrollArea>
          {WORKSPACE_PAGES.filter((page) => can(page.reads)).map((page) => (
            <NavLink
              key={page.path}
              component={RouterNavLink}
              to={`/w/${ws}${page.path ? `/${page.path}` : ''}`}
              end={page.path === ''}
              label={page.label}
              onClick={close}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
