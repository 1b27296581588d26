import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { useMe } from '@/lib/auth';

/** Pages behind it need a signed-in person; anyone else goes to sign in and comes back to the same URL. */
export function SessionGuard() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending)
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (me.isError) return <ErrorAlert error={me.error} title="Mailroom cannot be reached" />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}
