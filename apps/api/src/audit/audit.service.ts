import { BadRequestException, Injectable } from '@nestjs/common';
import { AuditEventsRepository } from '@app/audit';
import { WorkspaceId } from '@app/workspace-id';
import { decodeTimeCursor, encodeTimeCursor, toPage } from '../http/page-cursor';
import { DEFAULT_PAGE_SIZE, PageQuery } from '../http/page-query.dto';
import { AuditEventResponse, AuditPageResponse } from './audit.response';

@Injectable()
export class AuditService {
  constructor(private readonly events: AuditEventsRepository) {}

  /** `workspaceId` null reads the operator-level log. */
  async page(workspaceId: WorkspaceId | null, query: PageQuery): Promise<AuditPageResponse> {
    const after = query.cursor === undefined ? undefined : decodeTimeCursor(query.cursor);
    if (after === null) throw new BadRequestException(['cursor is not a value this API returned']);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.events.page(workspaceId, after, limit + 1);
    return toPage(rows, limit, (row) => encodeTimeCursor({ createdAt: row.at, id: row.id }), AuditEventResponse.from);
  }
}
