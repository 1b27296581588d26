/**
 * One block of RFC 5322-style fields: lower-cased names, each with its values in order (a name may
 * repeat, as `Original-Rcpt-To` does in RFC 5965 reports), unfolded and trimmed.
 */
export type FieldGroup = ReadonlyMap<string, readonly string[]>;

/**
 * The field blocks of a header-like body. `message/delivery-status` (RFC 3464 §2.1),
 * `message/feedback-report` (RFC 5965 §3) and `text/rfc822-headers` (RFC 6522 §4) are all fields
 * in blocks separated by blank lines; mailparser hands them over as bytes, so they are read here.
 * Folded lines are unfolded as RFC 5322 §2.2.3 says (the line break goes, the whitespace stays);
 * a line that is neither a field nor a continuation is skipped. Reading stops after `maxGroups`.
 */
export function fieldGroups(text: string, maxGroups: number): FieldGroup[] {
  const groups: Map<string, string[]>[] = [];
  let group: Map<string, string[]> | undefined;
  let folded: { values: string[]; index: number } | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) {
      group = folded = undefined;
      if (groups.length >= maxGroups) break;
      continue;
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (folded) folded.values[folded.index] += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      folded = undefined;
      continue;
    }
    if (!group) {
      if (groups.length >= maxGroups) break;
      groups.push((group = new Map<string, string[]>()));
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    const values = group.get(name) ?? [];
    values.push(line.slice(colon + 1));
    group.set(name, values);
    folded = { values, index: values.length - 1 };
  }
  for (const fields of groups) for (const values of fields.values()) values.forEach((value, i) => (values[i] = value.trim()));
  return groups;
}

/** The first value of a field, or undefined when the block lacks it or it is empty. */
export function firstField(group: FieldGroup | undefined, name: string): string | undefined {
  return group?.get(name)?.[0] || undefined;
}
