import { Badge, Button, Card, Code, Group, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { notifySuccess } from '@/components/notify';
import { QueryState } from '@/components/query-state';
import { useCan } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useRestoreVersion, useTemplateVersions, type Template, type TemplateVersion } from '../api/templates';

/**
 * Every version of the template, newest first: each can be viewed, and an older one restored
 * (after confirming) as a new version with its content. `onRestored` gets the template as it is then.
 */
export function TemplateVersions({
  ws,
  template,
  onRestored,
}: {
  ws: string;
  template: Template;
  onRestored: (template: Template) => void;
}) {
  const can = useCan();
  const versions = useTemplateVersions(ws, template.id);
  const restore = useRestoreVersion(ws, template.id);
  const [viewed, setViewed] = useState<TemplateVersion>();
  const mayRestore = can('POST /v1/workspaces/{ws}/templates/{id}/versions/{n}/restore');

  return (
    <Card withBorder component="section" aria-labelledby="versions-title">
      <Stack>
        <Title order={2} size="h4" id="versions-title">
          Versions
        </Title>
        <Text size="sm" c="dimmed">
          Every save is a version that never changes. Sends use the latest unless they name one (&quot;version&quot;: 2).
        </Text>
        <ErrorAlert error={restore.error} title="Not restored" />
        <QueryState query={versions}>
          {(pages) => (
            <>
              <Table.ScrollContainer minWidth={560}>
                <Table aria-labelledby="versions-title" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Version</Table.Th>
                      <Table.Th>Subject</Table.Th>
                      <Table.Th>Saved</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {pages.pages
                      .flatMap((page) => page.data)
                      .map((version) => (
                        <Table.Tr key={version.version}>
                          <Table.Td>
                            <Group gap="xs" wrap="nowrap">
                              {version.version}
                              {version.version === template.version && (
                                <Badge variant="light" size="sm">
                                  latest
                                </Badge>
                              )}
                            </Group>
                          </Table.Td>
                          <Table.Td>
                            <Code>{version.subject}</Code>
                          </Table.Td>
                          <Table.Td>{formatDateTime(version.createdAt)}</Table.Td>
                          <Table.Td>
                            <Group gap="xs" justify="flex-end" wrap="nowrap">
                              <Button size="xs" variant="default" onClick={() => setViewed(version)}>
                                View<VisuallyHidden> version {version.version}</VisuallyHidden>
                              </Button>
                              {mayRestore && version.version !== template.version && (
                                <ConfirmButton
                                  size="xs"
                                  color="blue"
                                  variant="light"
                                  title={`Restore version ${version.version}?`}
                                  message={`Its content becomes version ${template.version + 1}, what sends use from now on. The versions between stay as they are, and can be restored too.`}
                                  confirmLabel="Restore"
                                  loading={restore.isPending}
                                  onConfirm={() =>
                                    restore.mutate(version.version, {
                                      onSuccess: (restored) => {
                                        notifySuccess(`Version ${version.version} restored as version ${restored.version}.`);
                                        onRestored(restored);
                                      },
                                    })
                                  }
                                >
                                  Restore<VisuallyHidden> version {version.version}</VisuallyHidden>
                                </ConfirmButton>
                              )}
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {versions.hasNextPage && (
                <Group justify="center">
                  <Button variant="default" loading={versions.isFetchingNextPage} onClick={() => void versions.fetchNextPage()}>
                    Show older versions
                  </Button>
                </Group>
              )}
            </>
          )}
        </QueryState>
      </Stack>
      <VersionModal version={viewed} onClose={() => setViewed(undefined)} />
    </Card>
  );
}

function VersionModal({ version, onClose }: { version?: TemplateVersion; onClose: () => void }) {
  return (
    <Modal
      opened={version !== undefined}
      onClose={onClose}
      title={version ? `Version ${version.version}` : ''}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {version && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {version.name}, saved {formatDateTime(version.createdAt)}
            {version.strict ? ', strict' : ''}
          </Text>
          <VersionField label="Subject" value={version.subject} />
          <VersionField label="HTML" value={version.html} />
          <VersionField label="Text" value={version.text} />
        </Stack>
      )}
    </Modal>
  );
}

function VersionField({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {value === null ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <Code block style={{ whiteSpace: 'pre-wrap' }}>
          {value}
        </Code>
      )}
    </div>
  );
}
