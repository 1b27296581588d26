import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { ShownOnce } from '@/components/shown-once';
import { useMe } from '@/lib/auth';
import { useConfirmSecondFactor, useDisableSecondFactor, useEnrollSecondFactor } from '../api/account';
import { CopyableCode } from './copyable-code';

const CODE_INPUT = { name: 'code', autoComplete: 'one-time-code', required: true, maxLength: 11, w: 200 } as const;

/** TOTP (RFC 6238): enrol a secret in an authenticator app, confirm it with a code, keep the recovery codes; or turn it off with a code. */
export function SecondFactorSection() {
  const enabled = useMe().data?.user.hasSecondFactor ?? false;
  const enroll = useEnrollSecondFactor();
  const confirm = useConfirmSecondFactor();
  const disable = useDisableSecondFactor();

  return (
    <Stack gap="md">
      {confirm.data && <ShownOnce label="Recovery codes" value={confirm.data.recoveryCodes.join('\n')} />}
      {confirm.data && <Text size="sm">Each recovery code works once instead of a code from the app, for the day the phone is lost.</Text>}
      {enabled ? (
        <DisableForm disable={disable} />
      ) : enroll.data ? (
        <Stack gap="md">
          <Text size="sm">
            Add this secret to an authenticator app (by typing it, or pasting the link into an app that takes one), then type the six digits
            the app shows.
          </Text>
          <CopyableCode label="Secret" value={enroll.data.secret} />
          <CopyableCode label="Authenticator link" value={enroll.data.otpauthUrl} />
          <form
            onSubmit={(event) => {
              const { code } = formValues(event);
              confirm.mutate(code);
            }}
          >
            <ErrorAlert error={confirm.error} messages={formLevelErrors(confirm.error, ['code'])} />
            <Group align="flex-start">
              <TextInput label="Code from the app" {...CODE_INPUT} inputMode="numeric" error={fieldError(confirm.error, 'code')} />
              <Button type="submit" loading={confirm.isPending} mt={25}>
                Turn on
              </Button>
            </Group>
          </form>
        </Stack>
      ) : (
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            Off: signing in takes your email and password. With a second factor, it also takes a code from an authenticator app on your
            phone, so a stolen password is not enough.
          </Text>
          {disable.isSuccess && (
            <Text size="sm" role="status">
              The second factor is off.
            </Text>
          )}
          <ErrorAlert error={enroll.error} />
          <Button onClick={() => enroll.mutate()} loading={enroll.isPending}>
            Set up an authenticator app
          </Button>
        </Stack>
      )}
    </Stack>
  );
}

function DisableForm({ disable }: { disable: ReturnType<typeof useDisableSecondFactor> }) {
  return (
    <form
      onSubmit={(event) => {
        const { code } = formValues(event);
        disable.mutate(code);
      }}
    >
      <Alert color="green" title="On" mb="md">
        Signing in takes a code from your authenticator app, or one of your recovery codes.
      </Alert>
      <ErrorAlert error={disable.error} messages={formLevelErrors(disable.error, ['code'])} />
      <Group align="flex-start">
        <TextInput
          label="Code to turn it off"
          description="From the app, or a recovery code"
          {...CODE_INPUT}
          error={fieldError(disable.error, 'code')}
        />
        <Button type="submit" color="red" variant="light" loading={disable.isPending} mt={25}>
          Turn off
        </Button>
      </Group>
    </form>
  );
}
