import { Button, Stack } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { useConnectIntegration } from '../api/oauth-connect';

/** Connect (or Reconnect): the provider's consent screen, back to this page with the refresh token stored. */
export function ConnectButton({ ws, id, label, compact }: { ws: string; id: string; label: 'Connect' | 'Reconnect'; compact?: boolean }) {
  const connect = useConnectIntegration(ws, id);
  return (
    <Stack gap="xs" align="flex-start">
      <ErrorAlert error={connect.error} title="Could not start the sign-in" />
      {/* Still loading after success: the browser is on its way to the provider. */}
      <Button onClick={() => connect.mutate()} loading={connect.isPending || connect.isSuccess} size={compact ? 'xs' : 'sm'}>
        {label}
      </Button>
    </Stack>
  );
}
