import { parse } from 'parse5';
import { liveHeapBytes } from '../../../test/support/live-heap';
import { MAX_TRACKED_LINK_LENGTH, rewriteHtml, type RewriteOptions } from './html-link-rewriter';

const BASE = 'https://mail.example.net';
const PIXEL = `${BASE}/t/o/OPEN`;

function options(overrides: Partial<RewriteOptions> = {}): RewriteOptions {
  return {
    opens: true,
    clicks: true,
    clickUrl: (index) => `${BASE}/t/c/TOKEN${index}`,
    pixelUrl: PIXEL,
    publicBaseUrl: BASE,
    maxHtmlBytes: 5 * 1024 * 1024,
    ...overrides,
  };
}

const clicksOnly = (html: string) => rewriteHtml(html, options({ opens: false }));

const MB = 1024 * 1024;
/**
 * Misnested formatting tags inside a paragraph, then many paragraphs: each new `<p>` closes the
 * last and a tree builder reopens (clones) every formatting element for the text in it.
 */
const misnested = (paragraphs: number) =>
  '<body><p>' +
  '<b><i><u><s><em><strong><code><font><tt><big><small><strike><nobr>'.repeat(3) +
  '<p>x'.repeat(paragraphs) +
  '<a href="https://end.test/">end</a></body>';

describe('rewriteHtml', () => {
  it('routes each link through its own click URL and lists the originals with query and fragment intact', () => {
    const html = '<p><a href="https://shop.example.com/a?x=1#top">A</a> <a href="http://example.org/b?utm=y">B</a></p>';
    const result = clicksOnly(html);
    expect(result.links).toEqual(['https://shop.example.com/a?x=1#top', 'http://example.org/b?utm=y']);
    expect(result.html).toBe(`<p><a href="${BASE}/t/c/TOKEN0">A</a> <a href="${BASE}/t/c/TOKEN1">B</a></p>`);
  });

  it('gives each occurrence its own index even when two links share a URL', () => {
    const result = clicksOnly('<a href="https://x.test/">1</a><a href="https://x.test/">2</a>');
    expect(result.links).toEqual(['https://x.test/', 'https://x.test/']);
    expect(result.html).toContain('TOKEN0');
    expect(result.html).toContain('TOKEN1');
  });

  it.each([
    ['mailto', '<a href="mailto:help@example.com?subject=Hi">mail</a>'],
    ['tel', '<a href="tel:+15551234567">call</a>'],
    ['sms', '<a href="sms:+15551234567">text</a>'],
    ['an #anchor', '<a href="#section-2">jump</a>'],
    ['javascript:', '<a href="javascript:alert(1)">js</a>'],
    ['javascript: split by a newline', '<a href="java\nscript:alert(1)">js</a>'],
    ['data:', '<a href="data:text/html;base64,PGgxPg==">data</a>'],
    ['a relative link', '<a href="/account">relative</a>'],
    ['an empty href', '<a href="">empty</a>'],
    ['an anchor without href', '<a name="top">top</a>'],
    ['an author opt-out', '<a href="https://example.com/" data-mailroom-track="false">keep</a>'],
    ['an already tracked link', `<a href="${BASE}/t/c/EXISTING">tracked</a>`],
    ['a link to the unsubscribe page', `<a href="${BASE}/u/TOKEN">unsubscribe</a>`],
    ['an <a> inside SVG', '<svg><a href="https://example.com/">svg</a></svg>'],
  ])('leaves %s untouched', (_case, html) => {
    const result = clicksOnly(html);
    expect(result.html).toBe(html);
    expect(result.links).toEqual([]);
  });

  it('tracks a link whose opt-out attribute says anything but "false"', () => {
    const result = clicksOnly('<a href="https://example.com/" data-mailroom-track="true">x</a>');
    expect(result.links).toEqual(['https://example.com/']);
  });

  it('rewrites <area href> as well as <a href>', () => {
    const html = '<map name="m"><area shape="rect" coords="0,0,10,10" href="https://example.com/area"></map>';
    const result = clicksOnly(html);
    expect(result.links).toEqual(['https://example.com/area']);
    expect(result.html).toBe(html.replace('https://example.com/area', `${BASE}/t/c/TOKEN0`));
  });

  it('decodes entities for the stored URL and keeps every other byte, entity and attribute as written', () => {
    const html =
      '<!DOCTYPE html>\r\n<html><head><title>Caf&eacute; &amp; more</title></head>\r\n<body>\n' +
      '  <a  class="btn"   style="color:#c00"  href="https://example.com/?a=1&amp;b=2&#38;c=3"  target=_blank\n' +
      '     title="&quot;Go&quot;">Tom &amp; Jerry &nbsp;&copy;</a>\n</body></html>';
    const result = clicksOnly(html);
    expect(result.links).toEqual(['https://example.com/?a=1&b=2&c=3']);
    const expected = html.replace('https://example.com/?a=1&amp;b=2&#38;c=3', `${BASE}/t/c/TOKEN0`);
    expect(result.html).toBe(expected);
  });

  it('escapes the new value for the quote style of the attribute', () => {
    const clickUrl = () => `${BASE}/t/c/T?a=1&b='2'"`;
    const html = `<a href='https://a.test/'>1</a><a href="https://b.test/">2</a>`;
    const result = rewriteHtml(html, options({ opens: false, clickUrl }));
    const escaped = `${BASE}/t/c/T?a=1&amp;b=&#39;2&#39;&quot;`;
    expect(result.html).toBe(`<a href='${escaped}'>1</a><a href="${escaped}">2</a>`);
  });

  it('handles uppercase HREF, single-quoted and unquoted values, keeping the name and quote style', () => {
    const html = `<A HREF="https://a.test/x">1</A><a href='https://b.test/y'>2</a><a href=https://c.test/z?q=1&amp;r=2 id=c>3</a>`;
    const result = clicksOnly(html);
    expect(result.links).toEqual(['https://a.test/x', 'https://b.test/y', 'https://c.test/z?q=1&r=2']);
    expect(result.html).toBe(`<A HREF="${BASE}/t/c/TOKEN0">1</A><a href='${BASE}/t/c/TOKEN1'>2</a><a href="${BASE}/t/c/TOKEN2" id=c>3</a>`);
  });

  it('keeps spaces around the equals sign and multi-byte text before the link', () => {
    const html = '<p>😀 Grüße</p><a href = "https://example.com/ü">x</a>';
    const result = clicksOnly(html);
    expect(result.html).toBe(`<p>😀 Grüße</p><a href = "${BASE}/t/c/TOKEN0">x</a>`);
    expect(result.links).toEqual(['https://example.com/%C3%BC']);
  });

  it('records the WHATWG serialisation of a link, which a Location header can carry', () => {
    const result = clicksOnly('<a href="https://example.jp/セール?q=ü#ä">1</a><a href="HTTPS://Bücher.Example/a b">2</a>');
    expect(result.links).toEqual(['https://example.jp/%E3%82%BB%E3%83%BC%E3%83%AB?q=%C3%BC#%C3%A4', 'https://xn--bcher-kva.example/a%20b']);
  });

  it('does not mistake markup inside comments, scripts or textareas for links', () => {
    const html =
      '<body><!-- <a href="https://c.test/">c</a> --><textarea><a href="https://t.test/"></textarea>' +
      '<a href="https://real.test/">r</a></body>';
    const result = clicksOnly(html);
    expect(result.links).toEqual(['https://real.test/']);
  });

  it('rewrites a link once when misnested markup makes the parser re-open it', () => {
    const html = '<p><a href="https://x.test/">x</p>y <b><a href="https://z.test/">1<b>2</a>';
    const result = clicksOnly(html);
    expect(result.links).toEqual(['https://x.test/', 'https://z.test/']);
    expect(result.html).toBe(`<p><a href="${BASE}/t/c/TOKEN0">x</p>y <b><a href="${BASE}/t/c/TOKEN1">1<b>2</a>`);
  });

  it('puts the open pixel right before </body>', () => {
    const html = '<html><body><p>Hello</p></body></html>';
    const result = rewriteHtml(html, options({ clicks: false }));
    expect(result.html).toMatch(/^<html><body><p>Hello<\/p><img src="https:\/\/mail\.example\.net\/t\/o\/OPEN" [^>]*\/><\/body><\/html>$/);
    expect(result.html).toContain('width="1" height="1"');
  });

  it('ignores a </body> inside a comment when placing the pixel', () => {
    const html = '<body><p>Hi</p><!-- </body> --></body>';
    const result = rewriteHtml(html, options({ clicks: false }));
    expect(result.html.indexOf('<img')).toBe(html.lastIndexOf('</body>'));
  });

  it('appends the pixel when there is no </body>', () => {
    const html = '<p>Just a fragment</p>';
    const result = rewriteHtml(html, options({ clicks: false }));
    expect(result.html.startsWith(html)).toBe(true);
    expect(result.html.slice(html.length)).toMatch(/^<img src="[^"]+\/t\/o\/OPEN"[^>]*\/>$/);
  });

  it('adds no pixel when opens are off or there is no pixel URL, and rewrites no link when clicks are off', () => {
    const html = '<body><a href="https://example.com/">x</a></body>';
    expect(rewriteHtml(html, options({ opens: false, clicks: false }))).toEqual({ html, links: [] });
    expect(rewriteHtml(html, options({ pixelUrl: null, clicks: false }))).toEqual({ html, links: [] });
    const clicksOff = rewriteHtml(html, options({ clicks: false }));
    expect(clicksOff.links).toEqual([]);
    expect(clicksOff.html).toContain('href="https://example.com/"');
    expect(clicksOff.html).toContain('<img');
    const opensOff = rewriteHtml(html, options({ opens: false }));
    expect(opensOff.html).not.toContain('<img');
    expect(opensOff.links).toEqual(['https://example.com/']);
  });

  it.each([
    '',
    '<a href="https://example.com/',
    '<a href=https://a.test/ <a href="https://b.test/">b',
    '<<<>>></a></body></body><html><body>',
    '<table><a href="https://t.test/">in table</a><tr><td>x</table>',
    '\u0000<a href="https://n.test/\u0000">nul</a>',
    '<div>'.repeat(20_000),
  ])('does not throw on malformed HTML (%#)', (html) => {
    expect(() => rewriteHtml(html, options())).not.toThrow();
  });

  it('still finds links in HTML a browser would repair', () => {
    const result = clicksOnly('<table><a href="https://t.test/">in table</a><tr><td>x</table><p><a href=https://u.test/>u');
    expect(result.links).toEqual(['https://t.test/', 'https://u.test/']);
  });

  it('holds a tree builder over 50 MB on 19 KB of misnested formatting tags (the attack)', () => {
    const before = liveHeapBytes();
    const document = parse(misnested(4500), { sourceCodeLocationInfo: true });
    expect(liveHeapBytes() - before).toBeGreaterThan(50 * MB);
    expect(document.childNodes.length).toBeGreaterThan(0);
  });

  it('holds under 1 MB while rewriting 75 KB of misnested formatting tags, and still finds the link after them', () => {
    const html = misnested(18_000);
    expect(html.length).toBeGreaterThan(72_000);
    const before = liveHeapBytes();
    let held = Infinity;
    // The link is the last tag: its click URL is asked for when everything before it has been read.
    const result = rewriteHtml(html, options({ clickUrl: (index) => ((held = liveHeapBytes() - before), `${BASE}/t/c/TOKEN${index}`) }));
    expect(held).toBeLessThan(1 * MB);
    expect(result.links).toEqual(['https://end.test/']);
  });

  it('sends a body over the size cap as written and says why', () => {
    const html = `<body><a href="https://x.test/">x</a>${'y'.repeat(3000)}</body>`;
    expect(rewriteHtml(html, options({ maxHtmlBytes: 2048 }))).toEqual({
      html,
      links: [],
      skipped: 'body larger than 2 KB: sent without tracking',
    });
    expect(rewriteHtml(html, options({ maxHtmlBytes: 5 * MB })).links).toEqual(['https://x.test/']);
    expect(rewriteHtml('é'.repeat(600), options({ maxHtmlBytes: 1000, clicks: false })).skipped).toBe(
      'body larger than 1000 bytes: sent without tracking',
    );
  });

  it('leaves a link longer than the cap as written, and tracks one at the cap', () => {
    const long = `https://x.test/${'a'.repeat(MAX_TRACKED_LINK_LENGTH)}`;
    const atCap = long.slice(0, MAX_TRACKED_LINK_LENGTH);
    const html = `<a href="${long}">1</a><a href="${atCap}">2</a>`;
    expect(clicksOnly(html)).toEqual({ html: html.replace(atCap + '"', `${BASE}/t/c/TOKEN0"`), links: [atCap] });
  });

  it('leaves links inside <template> content alone, as mail clients do not render it', () => {
    const html = '<template><a href="https://t.test/">t</a></template><a href="https://after.test/">a</a>';
    expect(clicksOnly(html).links).toEqual(['https://after.test/']);
  });

  it.each([
    ['after a self-closing <svg/>', '<svg/><a href="https://l.test/">l</a>'],
    ['after </svg>', '<svg><g><a href="https://svg.test/">s</a></g></svg><a href="https://l.test/">l</a>'],
    ['in <foreignObject>', '<svg><foreignObject><a href="https://l.test/">l</a></foreignObject><a href="https://svg.test/">s</a></svg>'],
    ['after an HTML tag that breaks out of SVG', '<svg><a href="https://svg.test/">s</a><p><a href="https://l.test/">l</a>'],
    ['after an <svg> its container closes', '<div><svg><g></div><a href="https://l.test/">l</a>'],
    [
      'after MathML',
      '<math><mi><a href="https://l.test/">l</a></mi><annotation-xml><a href="https://m.test/">m</a></annotation-xml></math>',
    ],
  ])('tracks an HTML link %s, as a browser parses it', (_case, html) => {
    expect(clicksOnly(html).links).toEqual(['https://l.test/']);
  });

  it('does not take <a> inside <script>, <style>, <title> or CDATA in SVG for a link', () => {
    const html =
      '<title><a href="https://t.test/"></title><script>"<a href=\'https://s.test/\'>"</script><style>a[href="<a href=x>"]{}</style>' +
      '<svg><![CDATA[<a href="https://c.test/">]]></svg><a href="https://real.test/">r</a>';
    expect(clicksOnly(html).links).toEqual(['https://real.test/']);
  });

  it('puts the pixel before the last </body>, where the parser ends the body', () => {
    const html = '<body><p>a</p></body><p>b</p></body></html>';
    const result = rewriteHtml(html, options({ clicks: false }));
    expect(result.html.indexOf('<img')).toBe(html.lastIndexOf('</body>'));
  });
});
