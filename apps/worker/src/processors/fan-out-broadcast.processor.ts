import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName, JobPayloads } from '@app/queue';
import { BroadcastFanOut } from '../broadcasts/broadcast-fan-out.service';
import { JobProcessor } from './job-processor';

@Injectable()
export class FanOutBroadcastProcessor implements JobProcessor<JobName.FanOutBroadcast> {
  readonly jobName = JobName.FanOutBroadcast;

  constructor(private readonly fanOut: BroadcastFanOut) {}

  async process(job: Job<JobPayloads[JobName.FanOutBroadcast]>) {
    await this.fanOut.fanOut(job.data);
  }
}
