import {
  compileMailTemplates,
  contactTemplateContext,
  MAX_RENDERED_LENGTH,
  MessageTemplateScope,
  previewMailTemplates,
  renderMailTemplates,
  TemplateContext,
} from './mail-templates';
import { MAX_TEMPLATE_LENGTH } from './liquid-engine';
import { TemplateRenderError, TemplateSyntaxError, TemplateVariableError } from './template-errors';

const context: TemplateContext = {
  contact: { email: 'ada@example.com', first_name: 'Ada', last_name: '<Lovelace>', attributes: { plan: 'pro' } },
  to: { email: 'ada@example.com', name: 'Ada <Lovelace>' },
  unsubscribe_url: 'https://mail.example.com/u/abc?x=1&y=2',
};

describe('mail templates', () => {
  it('personalises subject, html and text with contact fields and the unsubscribe link', () => {
    const rendered = renderMailTemplates(
      compileMailTemplates({
        subject: 'Hi {{ contact.first_name }}',
        html: '<p>{{ contact.last_name }} on {{ contact.attributes.plan }}</p><a href="{{ unsubscribe_url }}">unsubscribe</a>',
        text: 'Dear {{ contact.first_name | upcase }} {{ contact.last_name }}',
      }),
      context,
    );
    expect(rendered.subject).toBe('Hi Ada');
    expect(rendered.html).toBe('<p>&lt;Lovelace&gt; on pro</p><a href="https://mail.example.com/u/abc?x=1&amp;y=2">unsubscribe</a>');
    expect(rendered.text).toBe('Dear ADA <Lovelace>');
  });

  it('renders missing fields as empty rather than failing mid-send', () => {
    const rendered = renderMailTemplates(compileMailTemplates({ subject: 'Hi {{ contact.nickname }}!', html: null, text: null }), context);
    expect(rendered.subject).toBe('Hi !');
  });

  it('keeps line breaks out of the subject', () => {
    const rendered = renderMailTemplates(compileMailTemplates({ subject: '{{ contact.attributes.evil }}', html: null, text: null }), {
      ...context,
      contact: { ...context.contact, attributes: { evil: 'a\r\nBcc: x@y.z' } },
    });
    expect(rendered.subject).toBe('a Bcc: x@y.z');
  });

  it('names the field and line of a syntax error', () => {
    let error: unknown;
    try {
      compileMailTemplates({ subject: 'ok', html: '<p>\n{% if contact.first_name %}\nHello', text: null });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect((error as TemplateSyntaxError).field).toBe('html');
    expect((error as Error).message).toMatch(/^html: .*line:2/);
    expect((error as TemplateSyntaxError).position).toEqual({ line: 2, column: 1 });
  });

  it('refuses unknown filters when the template is saved', () => {
    expect(() => compileMailTemplates({ subject: '{{ contact.email | shout }}', html: null, text: null })).toThrow(/^subject: .*shout/);
  });
});

describe('mail template limits', () => {
  const list = Array.from({ length: 1000 }, (_, index) => index);
  const renderError = (
    source: { subject: string; html?: string; text?: string },
    attributes: Record<string, unknown> = {},
  ): TemplateRenderError => {
    const templates = compileMailTemplates({ subject: source.subject, html: source.html ?? null, text: source.text ?? null });
    try {
      renderMailTemplates(templates, { ...context, contact: { ...context.contact, attributes } });
    } catch (error) {
      if (error instanceof TemplateRenderError) return error;
      throw error;
    }
    throw new Error('the template rendered');
  };
  // The 115-byte subject that rendered 90 MB in 3 s.
  const nestedLoops = '{% for a in (1..1000) %}{% for b in (1..1000) %}{% for c in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}';

  it('stops a subject at its rendered length limit, naming the field', () => {
    const error = renderError({ subject: nestedLoops });
    expect(error.field).toBe('subject');
    expect(error.message).toMatch(new RegExp(`^subject: rendered output is longer than ${MAX_RENDERED_LENGTH.subject} characters`));
  });

  it('stops a body at its rendered length limit', () => {
    const error = renderError(
      { subject: 'ok', html: '{% for a in (1..1000) %}{{ contact.attributes.chunk }}{% endfor %}' },
      { chunk: 'x'.repeat(10_000) },
    );
    expect(error.field).toBe('html');
    expect(error.message).toMatch(new RegExp(`^html: rendered output is longer than ${MAX_RENDERED_LENGTH.html} characters`));
  });

  it('stops the nested loops in a body at whichever limit comes first', () => {
    expect(renderError({ subject: 'ok', html: `<p>${nestedLoops}</p>` }).message).toMatch(
      /^html: (template render limit exceeded|rendered output is longer than)/,
    );
  });

  it('stops a template that allocates past the memory limit, before it allocates', () => {
    expect(renderError({ subject: 'ok', text: '{% for a in (1..1000000000) %}{% endfor %}' }).message).toMatch(
      /^text: memory alloc limit exceeded/,
    );
    const doubling = "{% assign s = 'x' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}";
    expect(renderError({ subject: doubling }).message).toMatch(/^subject: memory alloc limit exceeded/);
  });

  it('stops a template that renders nothing for longer than the render limit', () => {
    const silent =
      '{% for a in contact.attributes.list %}{% for b in contact.attributes.list %}{% for c in contact.attributes.list %}{% endfor %}{% endfor %}{% endfor %}';
    expect(renderError({ subject: 'ok', html: silent }, { list }).message).toMatch(/^html: template render limit exceeded/);
  });

  it('refuses a template longer than the parse limit when it is saved, naming the field', () => {
    let error: unknown;
    try {
      compileMailTemplates({ subject: 'ok', html: null, text: 'x'.repeat(MAX_TEMPLATE_LENGTH + 1) });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TemplateSyntaxError);
    expect((error as TemplateSyntaxError).field).toBe('text');
    expect((error as Error).message).toMatch(/^text: parse length limit exceeded/);
  });

  it('renders a template right at the limits', () => {
    const subject = 'x'.repeat(MAX_RENDERED_LENGTH.subject);
    expect(renderMailTemplates(compileMailTemplates({ subject, html: null, text: 'y'.repeat(MAX_TEMPLATE_LENGTH) }), context).subject).toBe(
      subject,
    );
  });
});

describe('mail previews', () => {
  const ada = contactTemplateContext(
    { email: 'ada@example.com', firstName: 'Ada', lastName: null, attributes: {} },
    () => 'https://x.test/u/p',
  );

  it('renders every field for the contact, as a send would', () => {
    const preview = previewMailTemplates(
      { subject: 'Hi {{ contact.first_name }}', html: '<a href="{{ unsubscribe_url }}">{{ contact.email }}</a>', text: 'Bye' },
      ada,
    );
    expect(preview).toEqual({
      rendered: { subject: 'Hi Ada', html: '<a href="https://x.test/u/p">ada@example.com</a>', text: 'Bye' },
      problems: [],
    });
  });

  it("reports each broken field's problem with its line and column, and still renders the others", () => {
    const preview = previewMailTemplates(
      {
        subject: 'Hi {{ contact.first_name | shout }}',
        html: '<p>Hi</p>\n<p>\n  {% if contact.first_name %}',
        text: 'Dear {{ contact.first_name }}',
      },
      ada,
    );
    expect(preview.rendered).toEqual({ subject: null, html: null, text: 'Dear Ada' });
    expect(preview.problems.map((problem) => [problem.field, problem.position, problem.message])).toEqual([
      ['subject', { line: 1, column: 4 }, expect.stringMatching(/^subject: undefined filter: shout/)],
      ['html', { line: 3, column: 3 }, expect.stringMatching(/^html: tag \{% if contact.first_name %\} not closed/)],
    ]);
  });

  it('reports a limit reached: a render limit at its place, the parse limit with no place', () => {
    const loop = previewMailTemplates({ subject: 'ok', html: null, text: '{% for a in (1..1000000000) %}{% endfor %}' }, ada);
    expect(loop.rendered).toEqual({ subject: 'ok', html: null, text: null });
    expect(loop.problems.map((problem) => [problem.message, problem.position])).toEqual([
      [expect.stringMatching(/^text: memory alloc limit exceeded/), { line: 1, column: 1 }],
    ]);
    const long = previewMailTemplates({ subject: 'ok', html: 'x'.repeat(MAX_TEMPLATE_LENGTH + 1), text: null }, ada);
    expect(long.problems.map((problem) => [problem.message, problem.position])).toEqual([['html: parse length limit exceeded', null]]);
  });
});

describe('stored templates sent as messages', () => {
  const scope: MessageTemplateScope = { data: { name: 'Ada', order: { id: 42 } }, to: { email: 'ada@example.com', name: null } };
  const compiled = (subject: string, html: string | null = null) => compileMailTemplates({ subject, html, text: null });
  const variableError = (templates: ReturnType<typeof compiled>, given: MessageTemplateScope = scope): TemplateVariableError => {
    try {
      renderMailTemplates(templates, given, { strict: true });
    } catch (error) {
      if (error instanceof TemplateVariableError) return error;
      throw error;
    }
    throw new Error('the template rendered');
  };

  it('sees the data and the recipient', () => {
    const rendered = renderMailTemplates(compiled('Order {{ data.order.id }} for {{ data.name }} <{{ to.email }}>'), scope);
    expect(rendered.subject).toBe('Order 42 for Ada <ada@example.com>');
  });

  it('renders a variable the data lacks as blank when the template is not strict', () => {
    expect(renderMailTemplates(compiled('Hi {{ data.nickname }}!'), scope).subject).toBe('Hi !');
  });

  it('refuses a variable the data lacks when strict, naming the first missing part, the field and its place', () => {
    const error = variableError(compiled('Hello', '<p>\n  {{ data.user.first }}</p>'));
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error.variable).toBe('data.user');
    expect(error.field).toBe('html');
    expect(error.position).toEqual({ line: 2, column: 6 });
    expect(error.message).toMatch(/^html: undefined variable: data\.user, line:2, col:6/);
  });

  it('lets a strict template say a value is optional with if, unless and default', () => {
    const rendered = renderMailTemplates(
      compiled(
        '{% if data.coupon %}Code {{ data.coupon }}{% endif %}{% unless data.vip %}Hi{% endunless %} {{ data.nickname | default: data.name }}',
      ),
      scope,
      { strict: true },
    );
    expect(rendered.subject).toBe('Hi Ada');
  });

  it('gives a recipient without a name as null, which a strict template may use', () => {
    expect(renderMailTemplates(compiled('[{{ to.name }}]'), scope, { strict: true }).subject).toBe('[]');
  });

  it('previews strictly, reporting the missing variable at its field', () => {
    const preview = previewMailTemplates({ subject: 'Hi {{ data.nickname }}', html: null, text: 'Bye {{ data.name }}' }, scope, {
      strict: true,
    });
    expect(preview.rendered).toEqual({ subject: null, html: null, text: 'Bye Ada' });
    expect(preview.problems.map((problem) => [problem.field, problem.position, (problem as TemplateVariableError).variable])).toEqual([
      ['subject', { line: 1, column: 7 }, 'data.nickname'],
    ]);
  });
});

describe('a contact as a stored template sees it in a broadcast', () => {
  it('is also the recipient, with its name when it has one', () => {
    const withName = contactTemplateContext({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', attributes: {} }, () => '');
    const withoutName = contactTemplateContext({ email: 'bob@example.com', firstName: null, lastName: null, attributes: {} }, () => '');
    expect(withName.to).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace' });
    expect(withoutName.to).toEqual({ email: 'bob@example.com', name: null });
  });
});
