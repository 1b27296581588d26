import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { contactName } from '@/lib/contact-name';
import { formatDateTime } from '@/lib/format';
import type { Contact } from '../api/contacts';

export function ContactsTable({ ws, contacts }: { ws: string; contacts: Contact[] }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Attributes</Table.Th>
            <Table.Th>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.map((contact) => (
            <Table.Tr key={contact.id}>
              <Table.Td>
                <Anchor component={Link} to={`/w/${ws}/contacts/${contact.id}`}>
                  {contact.email}
                </Anchor>
              </Table.Td>
              <Table.Td>{contactName(contact) || '—'}</Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed" lineClamp={1}>
                  {Object.keys(contact.attributes).join(', ') || '—'}
                </Text>
              </Table.Td>
              <Table.Td>{formatDateTime(contact.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
