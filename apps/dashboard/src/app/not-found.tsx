import { Anchor, Container, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Container py="xl" component="main">
      <Title order={1} size="h2">
        No such page
      </Title>
      <Text my="md">The address {window.location.pathname} is not a page of Mailroom.</Text>
      <Anchor component={Link} to="/">
        Go to your workspace
      </Anchor>
    </Container>
  );
}
