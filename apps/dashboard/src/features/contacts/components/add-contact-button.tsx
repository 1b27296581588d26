import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifySuccess } from '@/components/notify';
import { useSaveNewContact } from '../api/contacts';
import { ContactForm } from './contact-form';

/** Adding is an upsert by address: an address the workspace already has updates that contact, and the notice says so. */
export function AddContactButton({ ws }: { ws: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  const save = useSaveNewContact(ws);
  const closeAndReset = () => {
    save.reset();
    close();
  };
  return (
    <>
      <Button onClick={open}>Add contact</Button>
      <Modal opened={opened} onClose={closeAndReset} title="Add a contact" size="lg">
        <ContactForm
          submitLabel="Save contact"
          error={save.error}
          pending={save.isPending}
          onSubmit={(values) =>
            save.mutate(
              { email: values.email, firstName: values.firstName, lastName: values.lastName, attributes: values.attributes },
              {
                onSuccess: ({ contact, created }) => {
                  notifySuccess(
                    created ? `${contact.email} was added.` : `${contact.email} already existed: its non-empty fields were updated.`,
                  );
                  closeAndReset();
                },
              },
            )
          }
        />
      </Modal>
    </>
  );
}
