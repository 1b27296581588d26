import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { decodeCursor, encodeCursor, SuppressionsRepository } from '@app/messages';
import { WorkspaceId } from '@app/tenancy';
import { CreateSuppressionDto, ListSuppressionsQuery } from './suppression.dto';
import { SuppressionListResponse, SuppressionResponse } from './suppression.response';

@Injectable()
export class SuppressionsService {
  constructor(private readonly suppressions: SuppressionsRepository) {}

  async add(workspaceId: WorkspaceId, dto: CreateSuppressionDto): Promise<SuppressionResponse> {
    const listId = dto.listId ?? null;
    await this.suppressions.add(workspaceId, [{ email: dto.email, reason: dto.reason ?? 'manual', listId }]);
    return SuppressionResponse.from((await this.suppressions.find(workspaceId, dto.email, listId))!);
  }

  async list(workspaceId: WorkspaceId, query: ListSuppressionsQuery): Promise<SuppressionListResponse> {
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (cursor === null) throw new BadRequestException(['cursor is not a value this API returned']);
    const limit = query.limit ?? 50;
    const rows = await this.suppressions.list(workspaceId, limit, cursor && { createdAt: new Date(cursor.createdAt), id: cursor.id });
    const last = rows[rows.length - 1];
    return {
      data: rows.map(SuppressionResponse.from),
      nextCursor: rows.length === limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  async remove(workspaceId: WorkspaceId, email: string, listId: string | null): Promise<void> {
    if (!(await this.suppressions.remove(workspaceId, email, listId))) {
      throw new NotFoundException(`${email} is not suppressed${listId ? ` for list ${listId}` : ''}`);
    }
  }
}
