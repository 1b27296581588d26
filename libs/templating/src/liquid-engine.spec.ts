import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compileMailTemplates, renderMailTemplates, TemplateContext } from './mail-templates';
import { TemplateSyntaxError } from './template-errors';

const REPO = join(__dirname, '../../..');
const context: TemplateContext = {
  contact: { email: 'ada@example.com', first_name: 'Ada', last_name: null, attributes: {} },
  to: { email: 'ada@example.com', name: 'Ada' },
  unsubscribe_url: 'https://x.test/u/1',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
  });
}

function syntaxError(source: { subject: string; html?: string; text?: string }): TemplateSyntaxError {
  try {
    compileMailTemplates({ subject: source.subject, html: source.html ?? null, text: source.text ?? null });
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return error;
    throw error;
  }
  throw new Error('the template was accepted');
}

describe('the Liquid engine', () => {
  it('is the only module that imports liquidjs, so every engine has its file and render limits', () => {
    const importers = [...sourceFiles(join(REPO, 'apps')), ...sourceFiles(join(REPO, 'libs'))]
      .filter((file) => !file.endsWith('.spec.ts'))
      .filter((file) => /from ['"]liquidjs['"]|require\(['"]liquidjs['"]\)|import\(['"]liquidjs['"]\)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(REPO, file));
    expect(importers).toEqual(['libs/templating/src/liquid-engine.ts']);
  });

  it.each([
    ['include', "Hi {% include '.mailroom.local.json' %}"],
    ['render', "{% render 'package.json' %}"],
    ['layout', "{% layout 'x' %}body"],
  ])('refuses {%% %s %%} when the template is parsed, naming the field and the tag', (tag, subject) => {
    const error = syntaxError({ subject });
    expect(error.field).toBe('subject');
    expect(error.message).toMatch(new RegExp(`^subject: the \\{% ${tag} %\\} tag is not allowed: templates cannot read files`));
  });

  it('refuses file tags wherever they hide: untaken branches, {% liquid %}, trimmed delimiters, html and text', () => {
    expect(syntaxError({ subject: 'ok', html: "<p>{% if false %}{% include 'package.json' %}{% endif %}</p>" }).message).toMatch(
      /^html: the \{% include %\} tag/,
    );
    expect(syntaxError({ subject: 'ok', text: "{% liquid\n  render 'package.json'\n%}" }).message).toMatch(/^text: the \{% render %\} tag/);
    expect(syntaxError({ subject: "{%- include 'package.json' -%}" }).message).toMatch(/^subject: the \{% include %\} tag/);
  });

  it('does not turn a file name into file contents anywhere in a rendered mail', () => {
    // `package.json` exists in the working directory the tests run in: were it read, its name would show.
    const rendered = renderMailTemplates(
      compileMailTemplates({ subject: "{{ 'package.json' }}", html: "{{ 'package.json' | escape }}", text: null }),
      context,
    );
    expect(rendered).toEqual({ subject: 'package.json', html: 'package.json', text: null });
    expect(JSON.stringify(rendered)).not.toContain('"name"');
  });
});
