import { Code, Tabs, Text } from '@mantine/core';

/** A mail as the server rendered it; a null field has no part, or could not be rendered. */
export interface RenderedMailContent {
  subject: string | null;
  html: string | null;
  text: string | null;
}

type MailField = keyof RenderedMailContent;

/**
 * Subject, HTML and text of a rendered mail. The HTML is shown in a sandboxed frame: no script in it
 * runs, and it cannot reach the dashboard's page or session. `broken` says which fields have a
 * problem the editor shows at the field.
 */
export function RenderedMail({ mail, broken }: { mail: RenderedMailContent; broken: (field: MailField) => boolean }) {
  return (
    <>
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Subject
        </Text>
        <Text data-testid="preview-subject">{broken('subject') ? 'Cannot be rendered: see the subject field' : mail.subject}</Text>
      </div>
      <Tabs defaultValue="html" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="html">HTML</Tabs.Tab>
          <Tabs.Tab value="text">Text</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="sm">
          {mail.html !== null ? (
            <iframe
              title="HTML preview"
              sandbox=""
              srcDoc={mail.html}
              style={{ width: '100%', height: 420, border: '1px solid var(--mantine-color-default-border)', background: 'white' }}
            />
          ) : (
            <Text c="dimmed" size="sm">
              {broken('html') ? 'Cannot be rendered: see the HTML field.' : 'No HTML part.'}
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="sm">
          {mail.text !== null ? (
            <Code block data-testid="preview-text" style={{ whiteSpace: 'pre-wrap' }}>
              {mail.text}
            </Code>
          ) : (
            <Text c="dimmed" size="sm">
              {broken('text') ? 'Cannot be rendered: see the text field.' : 'No text part.'}
            </Text>
          )}
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
