import { Button, Group, TextInput } from '@mantine/core';
import { formValues } from '@/components/form-fields';
import { PageHeader } from '@/components/page-header';
import { PagedResults } from '@/components/paged-results';
import { useCan, useWorkspaceId } from '@/lib/auth';
import { useUrlState } from '@/lib/url-state';
import { useContacts } from '../api/contacts';
import { AddContactButton } from '../components/add-contact-button';
import { ContactsTable } from '../components/contacts-table';

/** `/w/{ws}/contacts`: the workspace's contacts, newest first, a page at a time; the address and the page are in the URL. */
export function ContactsPage() {
  const ws = useWorkspaceId();
  const can = useCan();
  const [{ email, cursor }, setUrl] = useUrlState(['email', 'cursor'] as const);
  const contacts = useContacts(ws, { email, cursor });

  return (
    <>
      <PageHeader
        title="Contacts"
        description="The people marketing mail goes to. Lists say who is subscribed to what; import a CSV into a list from its page."
        actions={can('POST /v1/workspaces/{ws}/contacts') && <AddContactButton ws={ws} />}
      />
      <form
        role="search"
        onSubmit={(event) => {
          const values = formValues(event);
          setUrl({ email: values.email?.trim(), cursor: undefined });
        }}
      >
        <Group align="flex-end" mb="md">
          <TextInput label="Find by address" name="email" type="search" placeholder="ada@example.com" defaultValue={email} key={email} />
          <Button type="submit" variant="default">
            Find
          </Button>
          {email && (
            <Button variant="subtle" onClick={() => setUrl({ email: undefined, cursor: undefined })}>
              Show all
            </Button>
          )}
        </Group>
      </form>
      <PagedResults
        query={contacts}
        cursor={cursor}
        onCursor={(next) => setUrl({ cursor: next })}
        empty={email ? `No contact has the address ${email}.` : 'No contacts yet: add one, or import a CSV into a list.'}
      >
        {(rows) => <ContactsTable ws={ws} contacts={rows} />}
      </PagedResults>
    </>
  );
}
