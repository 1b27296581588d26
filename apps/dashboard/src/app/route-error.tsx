import { Anchor, Container, Text, Title } from '@mantine/core';
import { useRouteError } from 'react-router';
import { describeError } from '@/lib/api-error';

/** A page that failed to load its code (a deploy replaced it) or threw: say so and offer a way on. */
export function RouteError() {
  const error = useRouteError();
  return (
    <Container py="xl" role="alert">
      <Title order={1} size="h2">
        This page failed
      </Title>
      <Text my="md">{describeError(error)}</Text>
      <Anchor href={window.location.href}>Load it again</Anchor>
    </Container>
  );
}
