import { escapeHtml, renderPage } from './html-page';

describe('renderPage', () => {
  it('escapes every piece of text, so a value from the request cannot become markup', () => {
    const html = renderPage({
      title: '<img src=x onerror=alert(1)>',
      message: '"><script>alert(1)</script>',
      hint: "it's & <b>bold</b>",
    });
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('it&#39;s &amp; &lt;b&gt;bold&lt;/b&gt;');
  });

  it('leaves the hint out when there is none', () => {
    expect(renderPage({ title: 'Connected', message: 'Done.' })).not.toContain('class="hint"');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('renderPage with a form', () => {
  it('posts escaped hidden fields back to the same URL', () => {
    const html = renderPage({
      title: 'Unsubscribe',
      message: 'Sure?',
      form: { fields: { 'List-Unsubscribe': 'One-Click' }, button: 'Unsubscribe' },
    });
    expect(html).toContain(
      '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>',
    );
  });
});
