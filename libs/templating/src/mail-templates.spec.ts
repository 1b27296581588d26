import { compileMailTemplates, renderMailTemplates, TemplateContext, TemplateSyntaxError } from './mail-templates';

const context: TemplateContext = {
  contact: { email: 'ada@example.com', first_name: 'Ada', last_name: '<Lovelace>', attributes: { plan: 'pro' } },
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
  });

  it('refuses unknown filters when the template is saved', () => {
    expect(() => compileMailTemplates({ subject: '{{ contact.email | shout }}', html: null, text: null })).toThrow(/^subject: .*shout/);
  });
});
