import { Center, Loader } from '@mantine/core';

/** What shows while a page's code or first data arrives. */
export function PageLoader() {
  return (
    <Center py="xl" mih={200}>
      <Loader aria-label="Loading" />
    </Center>
  );
}
