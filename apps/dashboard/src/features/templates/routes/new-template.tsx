import { Anchor, Button, Group } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { useWorkspaceId } from '@/lib/auth';
import { useCreateTemplate } from '../api/templates';
import { TemplateComposer } from '../components/template-composer';
import { newTemplateBody, useTemplateDraft } from '../components/template-draft';
import { useSample } from '../components/use-sample';

/** `/w/{ws}/templates/new`: a template is written and previewed with sample data here, then saved as its version 1. */
export function NewTemplatePage() {
  const ws = useWorkspaceId();
  const navigate = useNavigate();
  const { draft, change } = useTemplateDraft();
  const sample = useSample(draft);
  const create = useCreateTemplate(ws);

  return (
    <>
      <Anchor component={Link} to={`/w/${ws}/templates`} size="sm">
        ← Templates
      </Anchor>
      <PageHeader title="New template" description="Write it, check the preview with the data an application would send, then save it." />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(newTemplateBody(draft), {
            // The template's page goes on with the sample data typed here.
            onSuccess: (template) =>
              void navigate(`/w/${ws}/templates/${template.id}`, { replace: true, state: { sampleData: sample.text } }),
          });
        }}
      >
        <TemplateComposer ws={ws} draft={draft} onChange={change} readOnly={false} keyEditable sample={sample} saveError={create.error}>
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              Save template
            </Button>
          </Group>
        </TemplateComposer>
      </form>
    </>
  );
}
