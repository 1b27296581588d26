import { Anchor, Card, Stack, Text } from '@mantine/core';
import { notifySuccess } from '@/components/notify';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/error-alert';
import { PageHeader } from '@/components/page-header';
import { QueryState } from '@/components/query-state';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useContact, useDeleteContact, useUpdateContact, type Contact } from '../api/contacts';
import { attributeChanges } from '../components/attributes-json';
import { ContactForm } from '../components/contact-form';

/** `/w/{ws}/contacts/{id}`: one contact, changed in place; deleting it also takes it off every list. */
export function ContactPage() {
  const ws = useWorkspaceId();
  const { id = '' } = useParams();
  const contact = useContact(ws, id);
  return (
    <>
      <Anchor component={Link} to={`/w/${ws}/contacts`} size="sm">
        ← Contacts
      </Anchor>
      <QueryState query={contact}>{(data) => <ContactDetails ws={ws} contact={data} />}</QueryState>
    </>
  );
}

function ContactDetails({ ws, contact }: { ws: string; contact: Contact }) {
  const can = useCan();
  const navigate = useNavigate();
  const update = useUpdateContact(ws, contact.id);
  const remove = useDeleteContact(ws, contact.id);
  const canEdit = can('PATCH /v1/workspaces/{ws}/contacts/{id}');

  return (
    <>
      <PageHeader
        title={contact.email}
        description={`Added ${formatDateTime(contact.createdAt)}, last changed ${formatDateTime(contact.updatedAt)}.`}
        actions={
          can('DELETE /v1/workspaces/{ws}/contacts/{id}') && (
            <ConfirmButton
              title="Delete this contact?"
              message={`${contact.email} is deleted and taken off every list. Messages already sent to the address stay in the message log.`}
              confirmLabel="Delete contact"
              loading={remove.isPending}
              onConfirm={() =>
                remove.mutate(undefined, {
                  onSuccess: () => {
                    notifySuccess(`${contact.email} was deleted.`);
                    void navigate(`/w/${ws}/contacts`);
                  },
                })
              }
            >
              Delete
            </ConfirmButton>
          )
        }
      />
      <ErrorAlert error={remove.error} title="Not deleted" />
      <Card withBorder maw={720}>
        <Stack>
          <ContactForm
            key={contact.updatedAt}
            initial={contact}
            submitLabel="Save changes"
            error={update.error}
            pending={update.isPending}
            disabled={!canEdit}
            onSubmit={(values) =>
              update.mutate(
                {
                  email: values.email,
                  firstName: values.firstName,
                  lastName: values.lastName,
                  attributes: attributeChanges(contact.attributes, values.attributes),
                },
                { onSuccess: (saved) => notifySuccess(`${saved.email} was saved.`) },
              )
            }
          />
          <Text size="sm" c="dimmed">
            Subscriptions are kept per list: open a list to see or change this contact&apos;s status there.
          </Text>
        </Stack>
      </Card>
    </>
  );
}
