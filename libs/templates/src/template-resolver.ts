import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { CompiledMailTemplates, compileMailTemplates } from '@app/templating';
import { WorkspaceId } from '@app/workspace-id';
import { TemplateReference, TemplatesRepository } from './templates.repository';

/** One version of a stored template, parsed, ready to render for a message. */
export interface CompiledTemplateVersion {
  id: string;
  key: string;
  version: number;
  strict: boolean;
  templates: CompiledMailTemplates;
}

/** What a reference names: a version, or why it names none. */
export type ResolvedReference = { found: CompiledTemplateVersion } | { missing: 'key' } | { missing: 'version'; latest: number };

interface VersionSource {
  id: string;
  key: string;
  version: number;
  subject: string;
  html: string | null;
  text: string | null;
  strict: boolean;
}

/**
 * Parsed templates kept by this process. Versions never change, so an entry is never stale; the
 * bound is on source characters (a template may be 2 MiB a field) as well as on entries, so a
 * workspace with huge templates cannot grow the API's heap without limit.
 */
const CACHE_ENTRIES = 1000;
const CACHE_SOURCE_CHARACTERS = 16 * 1024 * 1024;

const cacheKey = (id: string, version: number) => `${id}:${version}`;

/**
 * Turns the `{key, version?}` of sends into parsed template versions: one query for the keys,
 * one for the versions not parsed yet, and each distinct version parsed once (an LRU by id and
 * version), however many messages of a batch use it.
 */
@Injectable()
export class TemplateResolver {
  private readonly cache = new LRUCache<string, { version: CompiledTemplateVersion; characters: number }>({
    max: CACHE_ENTRIES,
    maxSize: CACHE_SOURCE_CHARACTERS,
    sizeCalculation: (entry) => entry.characters,
  });

  constructor(private readonly templates: TemplatesRepository) {}

  /** One answer per reference, in their order. */
  async resolve(workspaceId: WorkspaceId, references: TemplateReference[]): Promise<ResolvedReference[]> {
    const keys = [...new Set(references.map((reference) => reference.key))];
    const byKey = new Map((await this.templates.referenced(workspaceId, keys)).map((template) => [template.key, template]));
    const keyOf = new Map([...byKey.values()].map((template) => [template.id, template.key]));
    const versionOf = (reference: TemplateReference) => {
      const template = byKey.get(reference.key);
      return template && { id: template.id, version: reference.version ?? template.latest, latest: template.latest };
    };

    const unparsed = new Map<string, { templateId: string; version: number }>();
    for (const reference of references) {
      const wanted = versionOf(reference);
      if (wanted && wanted.version <= wanted.latest && !this.cache.has(cacheKey(wanted.id, wanted.version))) {
        unparsed.set(cacheKey(wanted.id, wanted.version), { templateId: wanted.id, version: wanted.version });
      }
    }
    for (const row of await this.templates.versionsById(workspaceId, [...unparsed.values()])) {
      this.compile({ ...row, id: row.templateId, key: keyOf.get(row.templateId)! });
    }

    return references.map((reference): ResolvedReference => {
      const wanted = versionOf(reference);
      if (!wanted) return { missing: 'key' };
      if (wanted.version > wanted.latest) return { missing: 'version', latest: wanted.latest };
      const found = this.cache.get(cacheKey(wanted.id, wanted.version))?.version;
      // Versions are never deleted: only a template deleted between the two queries has none.
      return found ? { found } : { missing: 'key' };
    });
  }

  /**
   * A version parsed, from this process's cache when it was parsed before. Throws a
   * `TemplateSyntaxError` for content that does not parse (saved before a rule was tightened).
   */
  compile(source: VersionSource): CompiledTemplateVersion {
    const key = cacheKey(source.id, source.version);
    const cached = this.cache.get(key);
    if (cached) return cached.version;
    const version: CompiledTemplateVersion = {
      id: source.id,
      key: source.key,
      version: source.version,
      strict: source.strict,
      templates: compileMailTemplates(source),
    };
    const characters = Math.max(1, source.subject.length + (source.html?.length ?? 0) + (source.text?.length ?? 0));
    this.cache.set(key, { version, characters });
    return version;
  }
}
