import { Anchor, Code, Table } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '@/lib/format';
import type { Template } from '../api/templates';

export function TemplatesTable({ ws, templates }: { ws: string; templates: Template[] }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Key</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Version</Table.Th>
            <Table.Th>Strict</Table.Th>
            <Table.Th>Changed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {templates.map((template) => (
            <Table.Tr key={template.id}>
              <Table.Td>
                <Anchor component={Link} to={`/w/${ws}/templates/${template.id}`}>
                  <Code>{template.key}</Code>
                </Anchor>
              </Table.Td>
              <Table.Td>{template.name}</Table.Td>
              <Table.Td>{template.version}</Table.Td>
              <Table.Td>{template.strict ? 'Yes' : 'No'}</Table.Td>
              <Table.Td>{formatDateTime(template.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
