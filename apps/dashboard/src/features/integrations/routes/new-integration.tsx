import { Anchor } from '@mantine/core';
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useUrlState } from '@/lib/url-state';
import { useCreateIntegration } from '../api/integrations';
import { isAuthKind, PROVIDER_SERVERS, type AuthKind } from '../components/auth-kind';
import { switchedOn } from '../components/bounce-draft';
import { IntegrationForm } from '../components/integration-form';
import { createBody, emptyDraft, type IntegrationDraft } from '../components/integration-draft';

const PRESET_HOSTS = Object.values(PROVIDER_SERVERS).map((server) => server.host);

/**
 * Picking a provider fills in its server, unless the person typed a host of their own; with bounce
 * processing already on, an IMAP host still empty is filled in too.
 */
function withKind(draft: IntegrationDraft, kind: AuthKind): IntegrationDraft {
  const server = PROVIDER_SERVERS[kind];
  const hostIsPreset = draft.host.trim() === '' || PRESET_HOSTS.includes(draft.host.trim());
  const smtp = hostIsPreset
    ? { host: server?.host ?? '', port: server?.port ?? draft.port, security: server ? ('starttls' as const) : draft.security }
    : {};
  const next = { ...draft, kind, ...smtp };
  return draft.bounces.enabled ? { ...next, bounces: switchedOn(draft.bounces, kind, next.host) } : next;
}

/** `/w/{ws}/integrations/new?kind=…`: the form for one kind of sign-in, with the provider's set-up steps; the kind is in the URL. */
export function NewIntegrationPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const navigate = useNavigate();
  const [url, setUrl] = useUrlState(['kind']);
  const urlKind: AuthKind = isAuthKind(url.kind) ? url.kind : 'basic';
  const [draft, setDraft] = useState(() => emptyDraft(urlKind));
  // The form answers a click at once; the URL follows a moment later. Only a change of the URL
  // itself (back, forward, a pasted link) moves the form to its kind.
  const [kindInUrl, setKindInUrl] = useState(urlKind);
  if (urlKind !== kindInUrl) {
    setKindInUrl(urlKind);
    if (draft.kind !== urlKind) setDraft(withKind(draft, urlKind));
  }
  const create = useCreateIntegration(ws);

  if (!can('POST /v1/workspaces/{ws}/integrations')) return <Navigate to={`/w/${ws}/integrations`} replace />;

  return (
    <>
      <PageHeader
        title="New integration"
        description={
          <>
            An SMTP server Mailroom sends through. Nothing is sent while it is saved: test it on the next page.{' '}
            <Anchor component={Link} to={`/w/${ws}/integrations`} size="sm" underline="always">
              Back to the integrations
            </Anchor>
          </>
        }
      />
      <IntegrationForm
        draft={draft}
        change={(changes) => setDraft((current) => ({ ...current, ...changes }))}
        chooseKind={(next) => {
          setDraft((current) => withKind(current, next));
          setUrl({ kind: next });
        }}
        error={create.error}
        pending={create.isPending}
        submitLabel="Save integration"
        onSubmit={() => create.mutate(createBody(draft), { onSuccess: (created) => void navigate(`/w/${ws}/integrations/${created.id}`) })}
      />
    </>
  );
}
