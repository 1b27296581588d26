import { ConflictException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { Usage } from '@app/integrations';

const USAGE_BY_CONSTRAINT: Record<string, Usage> = {
  integrations_one_transactional: 'transactional',
  integrations_one_marketing: 'marketing',
};

/** The usage whose one-holder index refused a write, if that is what happened. */
export function refusedUsage(error: unknown): Usage | null {
  if (!(error instanceof QueryFailedError)) return null;
  const constraint = (error.driverError as { constraint?: string } | undefined)?.constraint;
  return (constraint && USAGE_BY_CONSTRAINT[constraint]) || null;
}

export function usageConflict(usage: Usage, holder: { id: string; name: string } | null): ConflictException {
  const who = holder ? `integration "${holder.name}" (${holder.id})` : 'another integration';
  return new ConflictException(`usage.${usage} is already held by ${who}; take it away there first`);
}
