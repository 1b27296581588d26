export type TemplateField = 'subject' | 'html' | 'text';

/** Where in a field's source a problem is: 1-based, as an editor numbers lines. */
export interface TemplatePosition {
  line: number;
  column: number;
}

/**
 * A template that cannot be used, and which of a mail's fields it is (every refusal names it);
 * `position` is where in the field, when the engine knows (a length limit has no place).
 */
export abstract class TemplateError extends Error {
  constructor(
    readonly field: TemplateField,
    detail: string,
    readonly position: TemplatePosition | null = null,
  ) {
    super(`${field}: ${detail}`);
  }
}

/** Refused when parsed: bad syntax, a tag that would read files, a template longer than the parse limit. */
export class TemplateSyntaxError extends TemplateError {}

/** Refused while rendered: a render, memory or output-size limit was reached. */
export class TemplateRenderError extends TemplateError {}

/** Refused while rendered strictly: the template uses `variable`, which the scope does not have. */
export class TemplateVariableError extends TemplateRenderError {
  constructor(
    field: TemplateField,
    detail: string,
    position: TemplatePosition | null,
    readonly variable: string,
  ) {
    super(field, detail, position);
  }
}
