import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useIntegrations, type Integration } from '../api/integrations';
import { AUTH_KIND_LABELS, authKindOf, connectsWithConsent } from '../components/auth-kind';
import { ConnectButton } from '../components/connect-button';
import { defaultSenderOf } from '../components/default-sender';
import { StatusBadge } from '../components/status-badge';
import { UsageBadges } from '../components/usage-badges';

/** `/w/{ws}/integrations`: the SMTP servers the workspace sends through, whether each works, and which mail it carries. */
export function IntegrationsPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const integrations = useIntegrations(ws);
  const mayCreate = can('POST /v1/workspaces/{ws}/integrations');
  const newButton = mayCreate && (
    <Button component={Link} to={`/w/${ws}/integrations/new`}>
      New integration
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Integrations"
        description="The SMTP servers this workspace sends through: one carries transactional mail, one marketing mail (it may be the same). Open one to test it, connect it or change it."
        actions={newButton}
      />
      <QueryState
        query={integrations}
        isEmpty={(page) => page.data.length === 0}
        empty={
          <Stack align="center" gap="sm">
            <Text>No integration yet: Mailroom needs an SMTP server to send through.</Text>
            {mayCreate ? (
              <Text size="sm">Add one with a password, or with Microsoft 365 or Google sign-in.</Text>
            ) : (
              <Text size="sm">A workspace admin can add one.</Text>
            )}
            {newButton}
          </Stack>
        }
      >
        {(page) => (
          <IntegrationTable
            ws={ws}
            integrations={page.data}
            mayConnect={can('POST /v1/workspaces/{ws}/integrations/{id}/oauth2/authorize')}
          />
        )}
      </QueryState>
    </>
  );
}

function IntegrationTable({ ws, integrations, mayConnect }: { ws: string; integrations: Integration[]; mayConnect: boolean }) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Server</Table.Th>
            <Table.Th>Sign-in</Table.Th>
            <Table.Th>Usage</Table.Th>
            <Table.Th>Default sender</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {integrations.map((integration) => (
            <Table.Tr key={integration.id}>
              <Table.Td>
                <Anchor component={Link} to={`/w/${ws}/integrations/${integration.id}`}>
                  {integration.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <StatusBadge state={integration.status.state} />
                  {mayConnect && integration.status.state === 'needs_reconnect' && connectsWithConsent(authKindOf(integration.auth)) && (
                    <ConnectButton ws={ws} id={integration.id} label={integration.auth.hasRefreshToken ? 'Reconnect' : 'Connect'} compact />
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                {integration.host}:{integration.port}
              </Table.Td>
              <Table.Td>{AUTH_KIND_LABELS[authKindOf(integration.auth)]}</Table.Td>
              <Table.Td>
                <UsageBadges usage={integration.usage} />
              </Table.Td>
              <Table.Td>{defaultSenderOf(integration)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
