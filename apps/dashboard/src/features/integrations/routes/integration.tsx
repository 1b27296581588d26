import { Alert, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useUrlState } from '@/lib/url-state';
import { useDeleteIntegration, useIntegration, type Integration } from '../api/integrations';
import { CONNECTED_PARAM } from '../api/oauth-connect';
import { AUTH_KIND_LABELS, authKindOf } from '../components/auth-kind';
import { BounceStatus } from '../components/bounce-status';
import { EditIntegration } from '../components/edit-integration';
import { IntegrationStatus } from '../components/integration-status';
import { IntegrationSummary } from '../components/integration-summary';
import { TestPanel } from '../components/test-panel';

/** `/w/{ws}/integrations/{id}`: whether it works (status, Connect, Test), and its settings. */
export function IntegrationPage() {
  const ws = useWorkspaceId();
  const { id = '' } = useParams();
  const integration = useIntegration(ws, id);
  return <QueryState query={integration}>{(loaded) => <IntegrationDetails ws={ws} integration={loaded} />}</QueryState>;
}

function IntegrationDetails({ ws, integration }: { ws: string; integration: Integration }) {
  const can = useCan();
  const navigate = useNavigate();
  const [url, setUrl] = useUrlState([CONNECTED_PARAM]);
  const remove = useDeleteIntegration(ws, integration.id);
  const held = [integration.usage.transactional && 'transactional', integration.usage.marketing && 'marketing'].filter(Boolean);

  return (
    <>
      <PageHeader
        title={integration.name}
        description={`${integration.host}:${integration.port} · ${AUTH_KIND_LABELS[authKindOf(integration.auth)]}`}
        actions={
          can('DELETE /v1/workspaces/{ws}/integrations/{id}') && (
            <ConfirmButton
              title={`Delete ${integration.name}?`}
              message={
                <>
                  Mailroom stops sending through it and forgets its stored secrets. This cannot be undone.
                  {held.length > 0 &&
                    ` It carries ${held.join(' and ')} mail: give that to another integration, or such mail cannot be sent.`}
                </>
              }
              confirmLabel="Delete integration"
              loading={remove.isPending}
              onConfirm={() => remove.mutate(undefined, { onSuccess: () => void navigate(`/w/${ws}/integrations`) })}
            >
              Delete
            </ConfirmButton>
          )
        }
      />
      <Stack gap="lg">
        <ErrorAlert error={remove.error} title="The integration was not deleted" />
        {url.connected && (
          <Alert
            color="green"
            title="Connected"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => setUrl({ [CONNECTED_PARAM]: undefined }, { replace: true })}
          >
            <Text size="sm">
              The provider&apos;s refresh token is stored, encrypted; it is never shown. Test the integration to see that it can send.
            </Text>
          </Alert>
        )}
        <IntegrationStatus
          ws={ws}
          integration={integration}
          canConnect={can('POST /v1/workspaces/{ws}/integrations/{id}/oauth2/authorize')}
        />
        <BounceStatus bounces={integration.bounces} />
        {can('POST /v1/workspaces/{ws}/integrations/{id}/test') && (
          <TestPanel ws={ws} id={integration.id} readsBounces={integration.bounces.enabled} />
        )}
        {can('PATCH /v1/workspaces/{ws}/integrations/{id}') ? (
          <Stack gap="sm">
            <Title order={2} size="h3">
              Settings
            </Title>
            <EditIntegration ws={ws} integration={integration} />
          </Stack>
        ) : (
          <IntegrationSummary integration={integration} />
        )}
      </Stack>
    </>
  );
}
