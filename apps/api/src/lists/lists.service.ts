import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { WorkspaceId } from '@app/workspace-id';
import { decodeTimeCursor, encodeTimeCursor, toPage } from '../http/page-cursor';
import { DEFAULT_PAGE_SIZE, PageQuery } from '../http/page-query.dto';
import { CreateListDto, UpdateListDto } from './list.dto';
import { ListListResponse, ListResponse } from './list.response';
import { ListsRepository } from '@app/marketing';

@Injectable()
export class ListsService {
  constructor(private readonly lists: ListsRepository) {}

  async create(workspaceId: WorkspaceId, dto: CreateListDto): Promise<ListResponse> {
    return ListResponse.from(await this.lists.insert(workspaceId, { name: dto.name, description: dto.description ?? null }));
  }

  async list(workspaceId: WorkspaceId, query: PageQuery): Promise<ListListResponse> {
    const cursor = query.cursor === undefined ? undefined : decodeTimeCursor(query.cursor);
    if (cursor === null) throw new BadRequestException(['cursor is not a value this API returned']);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.lists.list(workspaceId, cursor, limit);
    const counts = await this.lists.counts(
      workspaceId,
      rows.slice(0, limit).map((list) => list.id),
    );
    return toPage(
      rows,
      limit,
      (list) => encodeTimeCursor(list),
      (list) => ListResponse.from(list, counts.get(list.id)),
    );
  }

  async get(workspaceId: WorkspaceId, id: string): Promise<ListResponse> {
    const list = await this.lists.findById(workspaceId, id);
    if (!list) throw listNotFound(id);
    const counts = await this.lists.counts(workspaceId, [id]);
    return ListResponse.from(list, counts.get(id));
  }

  async update(workspaceId: WorkspaceId, id: string, dto: UpdateListDto): Promise<ListResponse> {
    const changes = {
      ...(dto.name !== undefined && { name: dto.name }),
      ...(dto.description !== undefined && { description: dto.description }),
    };
    if (!(await this.lists.update(workspaceId, id, changes))) throw listNotFound(id);
    return this.get(workspaceId, id);
  }

  /** Removes the list and its memberships; the contacts stay. */
  async remove(workspaceId: WorkspaceId, id: string): Promise<void> {
    if (!(await this.lists.remove(workspaceId, id))) throw listNotFound(id);
  }
}

export function listNotFound(id: string): NotFoundException {
  return new NotFoundException(`List ${id} not found`);
}
