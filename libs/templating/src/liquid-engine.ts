import { Context, Emitter, FS, Liquid, LiquidError, Tag, Template, toValue, toValueSync } from 'liquidjs';
import type { TemplatePosition } from './template-errors';

export type { Template } from 'liquidjs';

/** The longest template source, in characters, one parse accepts (the API's limit for a body). */
export const MAX_TEMPLATE_LENGTH = 2 * 1024 * 1024;
/**
 * How long one field may take to render. Mail templates render in microseconds; this only stops
 * loops built to stall the worker (three nested `for` over 1..1000 in a 115-byte subject).
 */
export const RENDER_LIMIT_MS = 500;
/**
 * liquidjs's allocation budget per render, in its units (about a character or an array element
 * each): ranges, `append`, `join`, `json`…. Ten million is far beyond any newsletter and far below
 * what would exhaust a worker's heap.
 */
export const MEMORY_LIMIT = 10_000_000;

// Tags that read templates from the file system. Refused by name so the author learns why, and
// because liquidjs would otherwise resolve them against the process's working directory, where
// `.mailroom.local.json` keeps the operator token and the encryption key.
const FILE_TAGS = ['include', 'render', 'layout'] as const;

function fileTagRefusal(name: string): Error {
  return new Error(`the {% ${name} %} tag is not allowed: templates cannot read files`);
}

function refusingTag(name: string): Parameters<Liquid['registerTag']>[1] {
  return class extends Tag {
    constructor(...args: ConstructorParameters<typeof Tag>) {
      super(...args);
      throw fileTagRefusal(name);
    }

    // Never reached (parsing throws first); kept so that no template object can read a file.
    render(): never {
      throw fileTagRefusal(name);
    }
  };
}

/** Whatever a tag or option asks of the file system is refused: there is no template on disk. */
const NO_FILE_SYSTEM: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (file) => {
    throw new Error(`templates cannot read files (${file})`);
  },
  readFileSync: (file) => {
    throw new Error(`templates cannot read files (${file})`);
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};

// As liquidjs's own emitter writes a value (it does not export that function).
function stringify(value: unknown): string {
  const plain: unknown = toValue(value);
  if (plain === null || plain === undefined) return '';
  return Array.isArray(plain) ? plain.map(stringify).join('') : String(plain);
}

/** Collects the output and stops the render as soon as it passes the field's length. */
class CappedEmitter implements Emitter {
  buffer = '';

  constructor(private readonly maxLength: number) {}

  write(html: unknown): void {
    this.buffer += stringify(html);
    if (this.buffer.length > this.maxLength) throw new Error(`rendered output is longer than ${this.maxLength} characters`);
  }
}

export interface LiquidEngine {
  parse(source: string): Template[];
  /**
   * Renders synchronously; throws when a limit (time, memory, `maxLength` characters) is reached,
   * and, when `strict`, at the first variable the scope does not have.
   */
  render(templates: Template[], scope: object, maxLength: number, strict: boolean): string;
}

/**
 * The only way to a Liquid engine in Mailroom (a spec checks no other module imports liquidjs):
 * no file access, and every parse and render bounded, so a template a tenant saves can neither
 * read the deployment's secrets nor stall or exhaust the process for the other tenants.
 */
export function createLiquidEngine(options: { escapeHtml: boolean }): LiquidEngine {
  const liquid = new Liquid({
    ...(options.escapeHtml ? { outputEscape: 'escape' as const } : {}),
    strictFilters: true,
    // Strictness is per render (a stored template's setting); a strict template still says a value
    // is optional with `{% if data.coupon %}` or `{{ data.name | default: 'there' }}`.
    strictVariables: false,
    lenientIf: true,
    ownPropertyOnly: true,
    fs: NO_FILE_SYSTEM,
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    parseLimit: MAX_TEMPLATE_LENGTH,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
  });
  for (const name of FILE_TAGS) liquid.registerTag(name, refusingTag(name));
  return {
    parse: (source) => liquid.parse(source),
    render: (templates, scope, maxLength, strict) => {
      const emitter = new CappedEmitter(maxLength);
      const context = new Context(scope, liquid.options, { sync: true, strictVariables: strict }, { liquid });
      // What `renderSync` does, with an emitter that enforces the length while rendering.
      toValueSync(liquid.renderer.renderTemplates(templates, context, emitter));
      return emitter.buffer;
    },
  };
}

/** Where liquidjs found the problem it threw, or null for an error that names no place (a length or memory limit before parsing). */
export function errorPosition(error: unknown): TemplatePosition | null {
  if (!LiquidError.is(error) || !error.token) return null;
  const [line, column] = error.token.getPosition();
  return { line, column };
}

/** The variable a strict render did not find (`data.user.first`), or null for any other error. */
export function undefinedVariable(error: unknown): string | null {
  if (!LiquidError.is(error) || error.name !== 'UndefinedVariableError') return null;
  const original = (error as LiquidError & { originalError?: { variableName?: unknown } }).originalError;
  return typeof original?.variableName === 'string' ? original.variableName : null;
}
