import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, JobPayloads } from '@app/queue';
import { trustedWorkspaceId } from '@app/workspace-id';
import { RecipientErasure } from '../retention/recipient-erasure.service';
import { JobProcessor } from './job-processor';

@Injectable()
export class EraseRecipientProcessor implements JobProcessor<JobName.EraseRecipient> {
  readonly jobName = JobName.EraseRecipient;

  constructor(private readonly erasure: RecipientErasure) {}

  async process(job: Job<JobPayloads[JobName.EraseRecipient]>) {
    await this.erasure.erase(trustedWorkspaceId(job.data.workspaceId), job.data.erasureId);
  }
}
