import { Group, NumberInput, Radio, Stack, TextInput } from '@mantine/core';
import { fieldError } from '@/components/form-fields';

export interface SecurityOption<S extends string> {
  value: S;
  label: string;
  description: string;
  /** The port this security usually goes with: choosing it moves the port there unless the person typed another. */
  port: number;
}

export interface Connection<S extends string> {
  host: string;
  port: number | string;
  security: S;
}

/**
 * Host, port and security of a server Mailroom connects to (the SMTP server, the watched IMAP
 * mailbox). `fieldPrefix` is where the API names these fields (`""` or `"bounces."`), so its
 * errors land next to them.
 */
export function ConnectionFields<S extends string>({
  connection,
  change,
  securityOptions,
  labelPrefix = '',
  fieldPrefix = '',
  placeholder,
  error,
}: {
  connection: Connection<S>;
  change: (changes: Partial<Connection<S>>) => void;
  securityOptions: SecurityOption<S>[];
  labelPrefix?: string;
  fieldPrefix?: string;
  placeholder: string;
  error: unknown;
}) {
  const usualPorts = securityOptions.map((option) => option.port);
  // "Host", or "IMAP host" beside another server's fields.
  const label = (name: string) => (labelPrefix ? `${labelPrefix} ${name.toLowerCase()}` : name);
  return (
    <>
      <Group align="flex-start" grow>
        <TextInput
          label={label('Host')}
          value={connection.host}
          onChange={(event) => change({ host: event.currentTarget.value })}
          error={fieldError(error, `${fieldPrefix}host`)}
          required
          placeholder={placeholder}
          autoComplete="off"
        />
        <NumberInput
          label={label('Port')}
          value={connection.port}
          onChange={(port) => change({ port })}
          error={fieldError(error, `${fieldPrefix}port`)}
          required
          min={1}
          max={65535}
          allowDecimal={false}
          allowNegative={false}
          maw={160}
        />
      </Group>
      <Radio.Group
        label={label('Security')}
        value={connection.security}
        onChange={(value) => {
          const chosen = securityOptions.find((option) => option.value === value)!;
          // Moving between the usual ports follows the choice; a port the person typed stays.
          change({ security: chosen.value, port: usualPorts.includes(Number(connection.port)) ? chosen.port : connection.port });
        }}
        error={fieldError(error, `${fieldPrefix}security`)}
      >
        <Stack gap="xs" mt={4}>
          {securityOptions.map((option) => (
            <Radio key={option.value} value={option.value} label={option.label} description={option.description} />
          ))}
        </Stack>
      </Radio.Group>
    </>
  );
}
