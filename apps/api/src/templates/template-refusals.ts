import { UnprocessableEntityException } from '@nestjs/common';
import type { ResolvedReference } from '@app/templates';
import { TemplateError, TemplateVariableError } from '@app/templating';

/** A version as a refusal names it. */
interface NamedVersion {
  key: string;
  version: number;
}

/**
 * Why a stored template cannot be rendered for a send, naming the template and version, and for a
 * strict one the variable and where it is used. `path` is the request path of the message
 * (`""` for a single send, `"messages[3]."` in a batch).
 */
export function renderRefusal(template: NamedVersion, error: TemplateError, path = ''): string {
  const name = `"${template.key}" version ${template.version}`;
  if (error instanceof TemplateVariableError) {
    const where = error.position ? ` (line ${error.position.line}, column ${error.position.column})` : '';
    return `${path}template.data: ${name} is strict and its ${error.field} uses ${error.variable}${where}, which is not given`;
  }
  return `${path}template: ${name} cannot be rendered: ${error.message}`;
}

/** Renders with `render`, answering 422 with the refusal when the template cannot be rendered. */
export function renderOrRefuse<T>(template: NamedVersion, render: () => T, path = ''): T {
  try {
    return render();
  } catch (error) {
    if (error instanceof TemplateError) throw new UnprocessableEntityException([renderRefusal(template, error, path)]);
    throw error;
  }
}

/** Why a send's `template` names no version of this workspace, or null when it names one. */
export function referenceRefusal(reference: { key: string; version?: number }, resolved: ResolvedReference, path = ''): string | null {
  if ('found' in resolved) return null;
  if (resolved.missing === 'key') return `${path}template.key: this workspace has no template "${reference.key}"`;
  return `${path}template.version: template "${reference.key}" has no version ${reference.version} (its latest is ${resolved.latest})`;
}
