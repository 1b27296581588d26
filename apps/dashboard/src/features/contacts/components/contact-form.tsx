import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { fieldError, formLevelErrors, formValues } from '@/components/form-fields';
import { formatAttributes, parseAttributes, type Attributes } from './attributes-json';

const FIELDS = ['email', 'firstName', 'lastName', 'attributes'] as const;

export interface ContactFormValues {
  email: string;
  firstName: string;
  lastName: string;
  attributes: Attributes;
}

/** A contact's address, names and attributes; the API's refusals show next to the field they name. */
export function ContactForm({
  initial,
  submitLabel,
  onSubmit,
  error,
  pending,
  disabled = false,
}: {
  initial?: { email: string; firstName?: string | null; lastName?: string | null; attributes: Attributes };
  submitLabel: string;
  onSubmit: (values: ContactFormValues) => void;
  error: unknown;
  pending: boolean;
  disabled?: boolean;
}) {
  const [attributesProblem, setAttributesProblem] = useState<string>();
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    const values = formValues(event);
    const parsed = parseAttributes(values.attributes ?? '');
    if ('problem' in parsed) return setAttributesProblem(parsed.problem);
    setAttributesProblem(undefined);
    onSubmit({ email: values.email!, firstName: values.firstName!, lastName: values.lastName!, attributes: parsed.attributes });
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={error} messages={formLevelErrors(error, FIELDS)} />
        <TextInput
          label="Email"
          name="email"
          type="email"
          required
          maxLength={320}
          defaultValue={initial?.email}
          error={fieldError(error, 'email')}
          disabled={disabled}
        />
        <Group grow align="flex-start">
          <TextInput
            label="First name"
            name="firstName"
            maxLength={200}
            defaultValue={initial?.firstName ?? ''}
            error={fieldError(error, 'firstName')}
            disabled={disabled}
          />
          <TextInput
            label="Last name"
            name="lastName"
            maxLength={200}
            defaultValue={initial?.lastName ?? ''}
            error={fieldError(error, 'lastName')}
            disabled={disabled}
          />
        </Group>
        <Textarea
          label="Attributes"
          description='A JSON object that templates read as contact.attributes, e.g. {"plan": "pro", "city": "Lisbon"}'
          name="attributes"
          autosize
          minRows={3}
          maxRows={14}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          defaultValue={initial ? formatAttributes(initial.attributes) : ''}
          error={attributesProblem ?? fieldError(error, 'attributes')}
          disabled={disabled}
        />
        {!disabled && (
          <Group justify="flex-end">
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
