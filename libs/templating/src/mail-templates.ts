import { createLiquidEngine, LiquidEngine, MAX_TEMPLATE_LENGTH, Template } from './liquid-engine';
import { TemplateField, TemplateRenderError, TemplateSyntaxError } from './template-errors';

/** What a broadcast's subject, html and text can refer to. */
export interface TemplateContext {
  contact: {
    email: string;
    first_name: string | null;
    last_name: string | null;
    attributes: Record<string, unknown>;
  };
  unsubscribe_url: string;
}

export interface CompiledMailTemplates {
  subject: Template[];
  html: Template[] | null;
  text: Template[] | null;
}

/**
 * The longest each field may be once rendered, in characters: a subject is one header line
 * (RFC 5322's 998), a body may grow past its 2 MiB source with what contacts' fields add.
 */
export const MAX_RENDERED_LENGTH: Record<TemplateField, number> = {
  subject: 998,
  html: 2 * MAX_TEMPLATE_LENGTH,
  text: 2 * MAX_TEMPLATE_LENGTH,
};

// HTML output escapes what contacts typed (a first name of "<b>"); subject and text are plain.
const htmlEngine = createLiquidEngine({ escapeHtml: true });
const plainEngine = createLiquidEngine({ escapeHtml: false });

// liquidjs reports "… , line:3, col:5"; the message keeps that and drops the rest of the dump.
const firstLine = (error: unknown) => (error as Error).message.split('\n')[0]!;

function parse(engine: LiquidEngine, field: TemplateField, source: string): Template[] {
  try {
    return engine.parse(source);
  } catch (error) {
    throw new TemplateSyntaxError(field, firstLine(error));
  }
}

function render(engine: LiquidEngine, field: TemplateField, templates: Template[], scope: object): string {
  try {
    return engine.render(templates, scope, MAX_RENDERED_LENGTH[field]);
  } catch (error) {
    throw new TemplateRenderError(field, firstLine(error));
  }
}

/** Parses once (a broken template is refused when the draft is saved, not mid-send). */
export function compileMailTemplates(source: { subject: string; html: string | null; text: string | null }): CompiledMailTemplates {
  return {
    subject: parse(plainEngine, 'subject', source.subject),
    html: source.html === null ? null : parse(htmlEngine, 'html', source.html),
    text: source.text === null ? null : parse(plainEngine, 'text', source.text),
  };
}

/** Throws a `TemplateRenderError` naming the field when a template reaches a render limit. */
export function renderMailTemplates(
  templates: CompiledMailTemplates,
  context: TemplateContext,
): { subject: string; html: string | null; text: string | null } {
  const scope = context as unknown as Record<string, unknown>;
  return {
    // A subject is one header line: whatever a contact's fields hold, no line break gets through.
    subject: render(plainEngine, 'subject', templates.subject, scope)
      .replace(/[\r\n]+/g, ' ')
      .trim(),
    html: templates.html && render(htmlEngine, 'html', templates.html, scope),
    text: templates.text && render(plainEngine, 'text', templates.text, scope),
  };
}
