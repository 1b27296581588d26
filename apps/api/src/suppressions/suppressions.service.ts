import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { SuppressionsRepository } from '@app/marketing';
import { WorkspaceId } from '@app/workspace-id';
import { decodeTimeCursor, encodeTimeCursor, toPage } from '../http/page-cursor';
import { DEFAULT_PAGE_SIZE, PageQuery } from '../http/page-query.dto';
import { CreateSuppressionDto } from './suppression.dto';
import { SuppressionListResponse, SuppressionResponse } from './suppression.response';

@Injectable()
export class SuppressionsService {
  constructor(private readonly suppressions: SuppressionsRepository) {}

  async add(workspaceId: WorkspaceId, dto: CreateSuppressionDto): Promise<SuppressionResponse> {
    const listId = dto.listId ?? null;
    await this.suppressions.add(workspaceId, [{ email: dto.email, reason: dto.reason ?? 'manual', listId }]);
    return SuppressionResponse.from((await this.suppressions.find(workspaceId, dto.email, listId))!, dto.email.toLowerCase());
  }

  async list(workspaceId: WorkspaceId, query: PageQuery): Promise<SuppressionListResponse> {
    const after = query.cursor === undefined ? undefined : decodeTimeCursor(query.cursor);
    if (after === null) throw new BadRequestException(['cursor is not a value this API returned']);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.suppressions.list(workspaceId, limit + 1, after);
    return toPage(rows, limit, encodeTimeCursor, (row) => SuppressionResponse.from(row, row.email));
  }

  async remove(workspaceId: WorkspaceId, email: string, listId: string | null): Promise<void> {
    if (!(await this.suppressions.remove(workspaceId, email, listId))) {
      throw new NotFoundException(`${email} is not suppressed${listId ? ` for list ${listId}` : ''}`);
    }
  }
}
