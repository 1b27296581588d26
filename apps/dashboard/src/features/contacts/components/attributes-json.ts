export type Attributes = Record<string, unknown>;

export function formatAttributes(attributes: Attributes): string {
  return Object.keys(attributes).length === 0 ? '' : JSON.stringify(attributes, null, 2);
}

/** The attributes typed as a JSON object (empty means none), or why they are not one. */
export function parseAttributes(text: string): { attributes: Attributes } | { problem: string } {
  if (text.trim() === '') return { attributes: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `attributes are not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: 'attributes must be a JSON object, such as {"plan": "pro"}' };
  }
  return { attributes: value as Attributes };
}

/** The API merges attributes key by key, so a key the person deleted is sent as null to remove it. */
export function attributeChanges(before: Attributes, after: Attributes): Attributes {
  const removed = Object.keys(before).filter((key) => !(key in after));
  return { ...Object.fromEntries(removed.map((key) => [key, null])), ...after };
}
