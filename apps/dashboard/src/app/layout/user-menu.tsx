import { ActionIcon, Button, Menu, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { useLogout } from '@/features/auth/api/auth-mutations';
import { useMe } from '@/lib/auth';

/** Who is signed in, their account page and sign-out; and light or dark, which follows the system until chosen. */
export function UserMenu() {
  const me = useMe().data;
  const logout = useLogout();
  const navigate = useNavigate();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const other = scheme === 'dark' ? 'light' : 'dark';
  return (
    <>
      <Tooltip label={`Use ${other} colours`}>
        <ActionIcon variant="default" size="lg" aria-label={`Use ${other} colours`} onClick={() => setColorScheme(other)}>
          {scheme === 'dark' ? '☀' : '☾'}
        </ActionIcon>
      </Tooltip>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default">{me?.user.name ?? 'Account'}</Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{me?.user.email}</Menu.Label>
          <Menu.Item component={Link} to="/account">
            Account and sessions
          </Menu.Item>
          <Menu.Item component={Link} to="/workspaces">
            All workspaces
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item onClick={() => logout.mutate(undefined, { onSuccess: () => void navigate('/login', { replace: true }) })}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
