/** A number input's value, or undefined when it is empty. */
export function numberOf(value: number | string): number | undefined {
  return value === '' ? undefined : Number(value);
}

/** Empty inputs are left out, so the API names what is missing rather than judging an empty string. */
export function given(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
