import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useUpdateList, type List } from '../api/lists';
import { ListForm } from './list-form';

export function EditListButton({ ws, list }: { ws: string; list: List }) {
  const [opened, { open, close }] = useDisclosure(false);
  const update = useUpdateList(ws, list.id);
  return (
    <>
      <Button variant="default" onClick={open}>
        Edit
      </Button>
      <Modal opened={opened} onClose={close} title={`Edit ${list.name}`}>
        <ListForm
          initial={list}
          submitLabel="Save changes"
          error={update.error}
          pending={update.isPending}
          onSubmit={(values) => update.mutate(values, { onSuccess: close })}
        />
      </Modal>
    </>
  );
}
