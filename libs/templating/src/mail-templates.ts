import { createLiquidEngine, errorPosition, MAX_TEMPLATE_LENGTH, Template, undefinedVariable } from './liquid-engine';
import { TemplateError, TemplateField, TemplateRenderError, TemplateSyntaxError, TemplateVariableError } from './template-errors';

/** A mail's recipient as a template sees it: `{{ to.email }}`, `{{ to.name }}` (null when it has none). */
export interface TemplateRecipient {
  email: string;
  name: string | null;
}

/** What a broadcast's subject, html and text can refer to. */
export interface TemplateContext {
  contact: {
    email: string;
    first_name: string | null;
    last_name: string | null;
    attributes: Record<string, unknown>;
  };
  /** The contact's address and name, as a stored template written for messages refers to its recipient. */
  to: TemplateRecipient;
  unsubscribe_url: string;
}

/**
 * What a stored template sent as a message can refer to: the sender's `data`, the recipient, and
 * for marketing mail the unsubscribe link.
 */
export interface MessageTemplateScope {
  data: Record<string, unknown>;
  to: TemplateRecipient;
  unsubscribe_url?: string;
}

export type TemplateScope = TemplateContext | MessageTemplateScope;

export interface RenderOptions {
  /** A variable the scope does not have is an error (`TemplateVariableError`) instead of blank. */
  strict?: boolean;
}

/** A contact as its row holds it; templates see it in snake_case. */
export interface TemplateContact {
  email: string;
  firstName: string | null;
  lastName: string | null;
  attributes: Record<string, unknown>;
}

/** First and last name as one, or null when the contact has neither. */
export function contactDisplayName(contact: Pick<TemplateContact, 'firstName' | 'lastName'>): string | null {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ') || null;
}

/**
 * The unsubscribe link is signed only when a template asks for it: a subject rarely does, and
 * the fan-out renders one subject per recipient, where an HMAC each was a fifth of its work.
 */
export function contactTemplateContext(contact: TemplateContact, unsubscribeUrl: () => string): TemplateContext {
  return {
    contact: { email: contact.email, first_name: contact.firstName, last_name: contact.lastName, attributes: contact.attributes },
    to: { email: contact.email, name: contactDisplayName(contact) },
    get unsubscribe_url() {
      return unsubscribeUrl();
    },
  };
}

export interface MailSource {
  subject: string;
  html: string | null;
  text: string | null;
}

export type RenderedMail = { subject: string; html: string | null; text: string | null };

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

const engineOf = (field: TemplateField) => (field === 'html' ? htmlEngine : plainEngine);

function parse(field: TemplateField, source: string): Template[] {
  try {
    return engineOf(field).parse(source);
  } catch (error) {
    throw new TemplateSyntaxError(field, firstLine(error), errorPosition(error));
  }
}

function render(field: TemplateField, templates: Template[], scope: TemplateScope, strict: boolean): string {
  let output: string;
  try {
    output = engineOf(field).render(templates, scope, MAX_RENDERED_LENGTH[field], strict);
  } catch (error) {
    const variable = undefinedVariable(error);
    if (variable !== null) throw new TemplateVariableError(field, firstLine(error), errorPosition(error), variable);
    throw new TemplateRenderError(field, firstLine(error), errorPosition(error));
  }
  // A subject is one header line: whatever a contact's fields hold, no line break gets through.
  return field === 'subject' ? output.replace(/[\r\n]+/g, ' ').trim() : output;
}

/** Parses once (a broken template is refused when the draft is saved, not mid-send). */
export function compileMailTemplates(source: MailSource): CompiledMailTemplates {
  return {
    subject: parse('subject', source.subject),
    html: source.html === null ? null : parse('html', source.html),
    text: source.text === null ? null : parse('text', source.text),
  };
}

/**
 * Throws a `TemplateRenderError` naming the field when a template reaches a render limit, and a
 * `TemplateVariableError` when a strict render meets a variable the scope lacks.
 */
export function renderMailTemplates(templates: CompiledMailTemplates, scope: TemplateScope, options: RenderOptions = {}): RenderedMail {
  const strict = options.strict ?? false;
  return {
    subject: render('subject', templates.subject, scope, strict),
    html: templates.html && render('html', templates.html, scope, strict),
    text: templates.text && render('text', templates.text, scope, strict),
  };
}

export interface MailPreview {
  /** Null for a field that has no source, or whose source cannot be parsed or rendered (its problem is in `problems`). */
  rendered: { subject: string | null; html: string | null; text: string | null };
  problems: TemplateError[];
}

/**
 * What an author sees while writing: each field parsed and rendered on its own, with the same
 * engines and limits as a send, so that every field's problem shows at once, not only the first.
 */
export function previewMailTemplates(source: MailSource, scope: TemplateScope, options: RenderOptions = {}): MailPreview {
  const problems: TemplateError[] = [];
  const attempt = (field: TemplateField, text: string | null): string | null => {
    if (text === null) return null;
    try {
      return render(field, parse(field, text), scope, options.strict ?? false);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      problems.push(error);
      return null;
    }
  };
  const rendered = { subject: attempt('subject', source.subject), html: attempt('html', source.html), text: attempt('text', source.text) };
  return { rendered, problems };
}
