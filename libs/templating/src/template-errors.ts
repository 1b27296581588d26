export type TemplateField = 'subject' | 'html' | 'text';

/** A template that cannot be used, and which of a mail's fields it is (every refusal names it). */
export abstract class TemplateError extends Error {
  constructor(
    readonly field: TemplateField,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

/** Refused when parsed: bad syntax, a tag that would read files, a template longer than the parse limit. */
export class TemplateSyntaxError extends TemplateError {}

/** Refused while rendered: a render, memory or output-size limit was reached. */
export class TemplateRenderError extends TemplateError {}
