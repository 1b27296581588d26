import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import { useCreateList } from '../api/lists';
import { ListForm } from './list-form';

/** A new list opens at once, where contacts are imported or added. */
export function CreateListButton({ ws }: { ws: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  const create = useCreateList(ws);
  const navigate = useNavigate();
  return (
    <>
      <Button onClick={open}>New list</Button>
      <Modal opened={opened} onClose={close} title="New list">
        <ListForm
          submitLabel="Create list"
          error={create.error}
          pending={create.isPending}
          onSubmit={(values) => create.mutate(values, { onSuccess: (list) => void navigate(`/w/${ws}/lists/${list.id}`) })}
        />
      </Modal>
    </>
  );
}
