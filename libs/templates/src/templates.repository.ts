import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { errorCodeOf, TemplateEntity, TemplateVersionEntity, TransactionRunner } from '@app/database';
import { WorkspaceId } from '@app/workspace-id';

/** What one version of a template says. */
export interface TemplateContent {
  name: string;
  subject: string;
  html: string | null;
  text: string | null;
  strict: boolean;
}

/** A template with what its latest version says. */
export interface StoredTemplate extends TemplateContent {
  id: string;
  key: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A send's `{key, version?}`: the version named, or the latest when none is. */
export interface TemplateReference {
  key: string;
  version?: number;
}

/** The template a reference's key names, with its latest version number; whether the version asked for exists is the caller's to tell. */
export interface ReferencedTemplate {
  key: string;
  id: string;
  latest: number;
}

interface TemplateRow {
  id: string;
  key: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  name: string;
  subject: string;
  html: string | null;
  text: string | null;
  strict: boolean;
}

const TEMPLATE_COLUMNS = `t."id", t."key", t."version", t."created_at", t."updated_at", v."name", v."subject", v."html", v."text", v."strict"`;
const LATEST_VERSION = `JOIN "template_versions" v ON v."template_id" = t."id" AND v."version" = t."version"`;

function storedTemplate(row: TemplateRow): StoredTemplate {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    name: row.name,
    subject: row.subject,
    html: row.html,
    text: row.text,
    strict: row.strict,
  };
}

/** Every query names the workspace first; versions are only ever inserted, never changed. */
@Injectable()
export class TemplatesRepository {
  constructor(
    @InjectRepository(TemplateEntity) private readonly templates: Repository<TemplateEntity>,
    private readonly transactions: TransactionRunner,
  ) {}

  /** The template with its version 1; null when the workspace already has a template with this key. */
  async insert(workspaceId: WorkspaceId, template: { id: string; key: string }, content: TemplateContent): Promise<StoredTemplate | null> {
    try {
      await this.transactions.run(async (manager) => {
        await manager.query(`INSERT INTO "templates" ("id", "workspace_id", "key", "version") VALUES ($1, $2, $3, 1)`, [
          template.id,
          workspaceId,
          template.key,
        ]);
        await this.insertVersion(workspaceId, template.id, 1, content, manager);
      });
    } catch (error) {
      // 23505 unique_violation on (workspace_id, key).
      if (errorCodeOf(error) === '23505') return null;
      throw error;
    }
    return this.findById(workspaceId, template.id);
  }

  /**
   * Writes `content` as the template's next version and makes it the latest; null when there is
   * no such template. The row lock of the UPDATE orders concurrent changes: each gets its own number.
   */
  async addVersion(workspaceId: WorkspaceId, id: string, content: TemplateContent): Promise<StoredTemplate | null> {
    const added = await this.transactions.run(async (manager) => {
      const [rows] = (await manager.query(
        `UPDATE "templates" SET "version" = "version" + 1, "updated_at" = now()
         WHERE "workspace_id" = $1 AND "id" = $2 RETURNING "version"`,
        [workspaceId, id],
      )) as [Array<{ version: number }>, number];
      const version = rows[0]?.version;
      if (version === undefined) return false;
      await this.insertVersion(workspaceId, id, version, content, manager);
      return true;
    });
    return added ? this.findById(workspaceId, id) : null;
  }

  async findById(workspaceId: WorkspaceId, id: string): Promise<StoredTemplate | null> {
    const rows: TemplateRow[] = await this.templates.manager.query(
      `SELECT ${TEMPLATE_COLUMNS} FROM "templates" t ${LATEST_VERSION} WHERE t."workspace_id" = $1 AND t."id" = $2`,
      [workspaceId, id],
    );
    return rows[0] ? storedTemplate(rows[0]) : null;
  }

  /** By key, in key order, after `afterKey`; fetches one row more than the limit. `key` finds one. */
  async list(workspaceId: WorkspaceId, filters: { key?: string; afterKey?: string; limit: number }): Promise<StoredTemplate[]> {
    const rows: TemplateRow[] = await this.templates.manager.query(
      `SELECT ${TEMPLATE_COLUMNS} FROM "templates" t ${LATEST_VERSION}
       WHERE t."workspace_id" = $1 AND ($2::text IS NULL OR t."key" = $2) AND ($3::text IS NULL OR t."key" > $3)
       ORDER BY t."key" COLLATE "C"
       LIMIT $4`,
      [workspaceId, filters.key ?? null, filters.afterKey ?? null, filters.limit + 1],
    );
    return rows.map(storedTemplate);
  }

  /** Newest first, before version `before`; fetches one row more than the limit. */
  versions(workspaceId: WorkspaceId, id: string, page: { before?: number; limit: number }): Promise<TemplateVersionEntity[]> {
    const query = this.templates.manager
      .getRepository(TemplateVersionEntity)
      .createQueryBuilder('v')
      .where('v.workspace_id = :workspaceId AND v.template_id = :id', { workspaceId, id })
      .orderBy('v.version', 'DESC')
      .limit(page.limit + 1);
    if (page.before !== undefined) query.andWhere('v.version < :before', { before: page.before });
    return query.getMany();
  }

  version(workspaceId: WorkspaceId, id: string, version: number): Promise<TemplateVersionEntity | null> {
    return this.templates.manager.getRepository(TemplateVersionEntity).findOneBy({ workspaceId, templateId: id, version });
  }

  /** The versions named, in one query (a batch's distinct versions). */
  versionsById(workspaceId: WorkspaceId, wanted: Array<{ templateId: string; version: number }>): Promise<TemplateVersionEntity[]> {
    if (wanted.length === 0) return Promise.resolve([]);
    return this.templates.manager.query(
      `SELECT v."template_id" AS "templateId", v."version", v."workspace_id" AS "workspaceId", v."name", v."subject", v."html",
              v."text", v."strict", v."created_at" AS "createdAt"
       FROM unnest($2::uuid[], $3::int[]) AS w("template_id", "version")
       JOIN "template_versions" v ON v."template_id" = w."template_id" AND v."version" = w."version"
       WHERE v."workspace_id" = $1`,
      [workspaceId, wanted.map((item) => item.templateId), wanted.map((item) => item.version)],
    );
  }

  /** The templates the references' keys name, in one query; keys that name none are absent. */
  async referenced(workspaceId: WorkspaceId, keys: string[]): Promise<ReferencedTemplate[]> {
    if (keys.length === 0) return [];
    const rows: Array<{ key: string; id: string; version: number }> = await this.templates.manager.query(
      `SELECT "key", "id", "version" FROM "templates" WHERE "workspace_id" = $1 AND "key" = ANY($2::text[])`,
      [workspaceId, keys],
    );
    return rows.map((row) => ({ key: row.key, id: row.id, latest: row.version }));
  }

  /** Its versions go with it; broadcasts made from it keep their copy of its content. */
  async remove(workspaceId: WorkspaceId, id: string): Promise<boolean> {
    const result = await this.templates.delete({ workspaceId, id });
    return (result.affected ?? 0) > 0;
  }

  private async insertVersion(
    workspaceId: WorkspaceId,
    id: string,
    version: number,
    content: TemplateContent,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "template_versions" ("template_id", "version", "workspace_id", "name", "subject", "html", "text", "strict")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, version, workspaceId, content.name, content.subject, content.html, content.text, content.strict],
    );
  }
}
