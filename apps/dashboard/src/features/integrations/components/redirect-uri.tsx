import { Button, Code, CopyButton, Group, Input, Loader } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { useRedirectUri } from '../api/oauth-connect';

/** The redirect URI to register with the provider, exactly as Mailroom will send it, with a copy button. */
export function RedirectUri() {
  const query = useRedirectUri();
  if (query.isError) return <ErrorAlert error={query.error} title="Could not read the redirect URI" />;
  return (
    <Input.Wrapper label="Redirect URI to register" description="Register exactly this address, scheme and path included.">
      {query.isPending ? (
        <Loader size="sm" aria-label="Loading the redirect URI" />
      ) : (
        <Group gap="sm" wrap="nowrap" mt={4}>
          <Code block style={{ flex: 1, wordBreak: 'break-all' }} data-testid="redirect-uri">
            {query.data.redirectUri}
          </Code>
          <CopyButton value={query.data.redirectUri}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy} aria-label="Copy the redirect URI">
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
      )}
    </Input.Wrapper>
  );
}
