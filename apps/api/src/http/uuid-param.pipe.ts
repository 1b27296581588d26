import { NotFoundException, PipeTransform } from '@nestjs/common';
import { isUuid } from '@app/workspace-id';

/**
 * A path id that is not a UUID names nothing: it gets the 404 of a missing resource
 * (`<resource> <id> not found`) before it reaches a service, or Postgres, which would refuse to
 * compare it with a uuid column.
 */
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}

  transform(id: string): string {
    if (!isUuid(id)) throw new NotFoundException(`${this.resource} ${id} not found`);
    return id;
  }
}
