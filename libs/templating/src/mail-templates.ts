import { Liquid, Template } from 'liquidjs';

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

export class TemplateSyntaxError extends Error {
  constructor(readonly field: 'subject' | 'html' | 'text', detail: string) {
    super(`${field}: ${detail}`);
  }
}

// HTML output escapes what contacts typed (a first name of "<b>"); subject and text are plain.
const htmlEngine = new Liquid({ outputEscape: 'escape', strictFilters: true, strictVariables: false, ownPropertyOnly: true });
const plainEngine = new Liquid({ strictFilters: true, strictVariables: false, ownPropertyOnly: true });

function parse(engine: Liquid, field: 'subject' | 'html' | 'text', source: string): Template[] {
  try {
    return engine.parse(source);
  } catch (error) {
    // liquidjs reports "… , line:3, col:5"; the message keeps that and drops the rest of the dump.
    throw new TemplateSyntaxError(field, (error as Error).message.split('\n')[0]!);
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

export function renderMailTemplates(
  templates: CompiledMailTemplates,
  context: TemplateContext,
): { subject: string; html: string | null; text: string | null } {
  const scope = context as unknown as Record<string, unknown>;
  return {
    // A subject is one header line: whatever a contact's fields hold, no line break gets through.
    subject: plainEngine.renderSync(templates.subject, scope).replace(/[\r\n]+/g, ' ').trim(),
    html: templates.html && htmlEngine.renderSync(templates.html, scope),
    text: templates.text && plainEngine.renderSync(templates.text, scope),
  };
}
