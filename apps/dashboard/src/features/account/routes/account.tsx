import { Anchor, Container, Divider, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { useMe } from '@/lib/auth';
import { ChangePasswordForm } from '../components/change-password-form';
import { SecondFactorSection } from '../components/second-factor-section';
import { SessionsTable } from '../components/sessions-table';

/** `/account`: the signed-in person's own password, sessions and second factor, outside any workspace. */
export function AccountPage() {
  const me = useMe().data;
  return (
    <Container size="md" py="xl" component="main">
      <Anchor component={Link} to="/" size="sm">
        ← Back to your workspaces
      </Anchor>
      <PageHeader title="Account" description={me && `${me.user.name}, signed in as ${me.user.email}.`} />
      <Stack gap="xl">
        <AccountSection title="Second factor">
          <SecondFactorSection />
        </AccountSection>
        <AccountSection title="Sessions">
          <SessionsTable />
        </AccountSection>
        <AccountSection title="Password">
          <ChangePasswordForm />
        </AccountSection>
      </Stack>
    </Container>
  );
}

function AccountSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Divider mb="md" />
      <Title order={2} size="h3" mb="md">
        {title}
      </Title>
      {children}
    </section>
  );
}
