import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from '@app/queue';

/** One handler per job name; processors stay thin and hand the payload to a service. */
export interface JobProcessor<N extends JobName = JobName> {
  readonly jobName: N;
  /** Resolves with a delay when the job should run again later, without counting as a failure. */
  process(job: Job<JobPayloads[N]>): Promise<{ retryInMs: number } | null | void>;
}

export const JOB_PROCESSORS = Symbol('job processors');
