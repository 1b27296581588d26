import { Injectable } from '@nestjs/common';
import { JobName } from '@app/queue';
import { RecipientErasure } from '../retention/recipient-erasure.service';
import { RetentionPurge } from '../retention/retention-purge.service';
import { JobProcessor } from './job-processor';

@Injectable()
export class PurgeExpiredProcessor implements JobProcessor<JobName.PurgeExpired> {
  readonly jobName = JobName.PurgeExpired;

  constructor(
    private readonly purge: RetentionPurge,
    private readonly erasures: RecipientErasure,
  ) {}

  async process() {
    await this.purge.purge();
    await this.erasures.resumeLost();
  }
}
