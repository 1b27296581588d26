import { Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { notifySuccess } from '@/components/notify';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useDeleteTemplate, useTemplate, useUpdateTemplate, type Template } from '../api/templates';
import { TemplateComposer } from '../components/template-composer';
import { templateChanges, useTemplateDraft } from '../components/template-draft';
import { TemplateVersions } from '../components/template-versions';
import { TestSendForm } from '../components/test-send-form';
import { useSample } from '../components/use-sample';

/** `/w/{ws}/templates/{id}`: a template to edit (each save a new version), test, restore an old version of, or delete. */
export function TemplatePage() {
  const ws = useWorkspaceId();
  const { id = '' } = useParams();
  const template = useTemplate(ws, id);
  return (
    <>
      <Anchor component={Link} to={`/w/${ws}/templates`} size="sm">
        ← Templates
      </Anchor>
      <QueryState query={template}>{(data) => <TemplateDetails ws={ws} template={data} />}</QueryState>
    </>
  );
}

function TemplateDetails({ ws, template }: { ws: string; template: Template }) {
  const can = useCan();
  const navigate = useNavigate();
  const editable = can('PATCH /v1/workspaces/{ws}/templates/{id}');
  const { draft, change, dirty, reset } = useTemplateDraft(template, editable);
  // Coming from the new-template page, the sample data typed there.
  const arrival = useLocation().state as { sampleData?: string } | null;
  const sample = useSample(draft, arrival?.sampleData);
  const update = useUpdateTemplate(ws, template.id);
  const remove = useDeleteTemplate(ws, template.id);

  const save = () =>
    update.mutate(templateChanges(draft), {
      onSuccess: (saved) => {
        reset(saved);
        notifySuccess(saved.version === template.version ? 'Nothing changed: no new version.' : `Saved as version ${saved.version}.`);
      },
    });

  return (
    <>
      <PageHeader
        title={template.name}
        description={
          <Text span inherit>
            Key <code>{template.key}</code>, version {template.version}, changed {formatDateTime(template.updatedAt)}
          </Text>
        }
        actions={
          <>
            {can('POST /v1/workspaces/{ws}/broadcasts') && (
              <Button component={Link} to={`/w/${ws}/broadcasts/new?templateId=${template.id}`} variant="default">
                Use in a broadcast
              </Button>
            )}
            {can('DELETE /v1/workspaces/{ws}/templates/{id}') && (
              <ConfirmButton
                title="Delete this template?"
                message={`With all its versions. Sends naming "${template.key}" are refused from then on; broadcasts made from it keep their copy.`}
                confirmLabel="Delete template"
                loading={remove.isPending}
                onConfirm={() => remove.mutate(undefined, { onSuccess: () => void navigate(`/w/${ws}/templates`, { replace: true }) })}
              >
                Delete template
              </ConfirmButton>
            )}
          </>
        }
      />
      <ErrorAlert error={remove.error} title="Not deleted" />
      <Stack gap="lg">
        <TemplateComposer
          ws={ws}
          draft={draft}
          onChange={change}
          readOnly={!editable}
          keyEditable={false}
          sample={sample}
          saveError={update.error}
        >
          {editable && (
            <Group justify="flex-end">
              <Button onClick={save} loading={update.isPending} disabled={!dirty}>
                Save changes
              </Button>
            </Group>
          )}
          {can('POST /v1/workspaces/{ws}/templates/{id}/test') && (
            <Card withBorder>
              <TestSendForm ws={ws} templateId={template.id} data={sample.data} unsaved={dirty} />
            </Card>
          )}
        </TemplateComposer>
        <TemplateVersions ws={ws} template={template} onRestored={reset} />
      </Stack>
    </>
  );
}
