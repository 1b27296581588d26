/**
 * The fields a request actually set, for `details`: names only, since values may be secrets.
 * A DTO class declares every field, so the unsent ones are present as undefined.
 */
export function givenFields(dto: object): string[] {
  return Object.entries(dto)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
}
