import { Accordion, Code, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A provider's set-up steps beside the fields they fill: numbered, with the commands to copy. */
export function Guide({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <List type="ordered" spacing="sm" size="sm">
        {children}
      </List>
    </Paper>
  );
}

export function Step({ title, children }: { title: string; children: ReactNode }) {
  return (
    <List.Item>
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        {children}
      </Stack>
    </List.Item>
  );
}

/** Commands a person types into a shell, one a line. */
export function Commands({ lines }: { lines: string[] }) {
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {lines.join('\n')}
    </Code>
  );
}

/** Set-up steps in full on a new integration; folded away on a saved one, whose set-up is usually done. */
export function FoldedWhenEditing({ editing, label, children }: { editing: boolean; label: string; children: ReactNode }) {
  if (!editing) return children;
  return (
    <Accordion variant="contained">
      <Accordion.Item value="guide">
        <Accordion.Control>{label}</Accordion.Control>
        <Accordion.Panel>{children}</Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
