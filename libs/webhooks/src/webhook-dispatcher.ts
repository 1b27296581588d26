import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import type { WebhookEndpointEntity } from '@app/database';
import { AttemptOutcome } from './webhook-attempts.repository';
import { WebhookAttemptWriter } from './webhook-attempt-writer';
import type { ClaimedDelivery } from './webhook-deliveries.repository';
import { WebhookHttpClient } from './webhook-http-client';
import { delayBeforeRetry } from './webhook-retry-schedule';
import { WebhookSecrets } from './webhook-secrets';
import { WebhookSigner } from './webhook-signature';

/** An endpoint ready to post to: its secrets decrypted once, for the deliveries one job makes. */
export interface PreparedEndpoint {
  workspaceId: string;
  id: string;
  url: string;
  /** The signer for a request made at `at`: the previous secret signs too until its grace period ends. */
  signerAt(at: Date): WebhookSigner;
}

/** An attempt that has its answer; `recorded` settles once Postgres has the outcome (and the delivery's lease is released). */
export interface AnsweredAttempt {
  outcome: AttemptOutcome;
  recorded: Promise<void>;
}

/**
 * One attempt of one delivery: signed, posted, and its outcome recorded (the next retry on the
 * schedule, or the end of it). Used by the worker, and by the API for `POST …/test`.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationShutdown {
  private readonly http: WebhookHttpClient;

  constructor(
    private readonly config: AppConfig,
    private readonly secrets: WebhookSecrets,
    private readonly writer: WebhookAttemptWriter,
  ) {
    this.http = new WebhookHttpClient({
      timeoutMs: config.WEBHOOK_REQUEST_TIMEOUT_MS,
      allowPrivateHosts: config.WEBHOOK_ALLOW_PRIVATE_HOSTS,
      socketsPerEndpoint: config.WEBHOOK_ENDPOINT_CONCURRENCY,
    });
  }

  prepare(endpoint: WebhookEndpointEntity): PreparedEndpoint {
    const current = new WebhookSigner(this.secrets.signingSecrets({ ...endpoint, previousSecretEncrypted: null }, new Date()));
    const expiresAt = endpoint.previousSecretExpiresAt?.getTime() ?? 0;
    const both = expiresAt > Date.now() ? new WebhookSigner(this.secrets.signingSecrets(endpoint, new Date())) : current;
    return {
      workspaceId: endpoint.workspaceId,
      id: endpoint.id,
      url: endpoint.url,
      signerAt: (at) => (at.getTime() < expiresAt ? both : current),
    };
  }

  /**
   * Resolves once the receiver has answered (or not): a worker posts the next delivery while
   * this one's outcome waits for its group commit.
   */
  async attempt(endpoint: PreparedEndpoint, delivery: ClaimedDelivery): Promise<AnsweredAttempt> {
    const at = new Date();
    const headers = endpoint.signerAt(at).headers(delivery.eventId, at, delivery.body);
    const answer = await this.http.post(endpoint.id, endpoint.url, { ...headers }, delivery.body);
    const delivered = answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300;
    const delay = delivered ? null : delayBeforeRetry(delivery.attempts + 1, this.config.WEBHOOK_RETRY_DELAYS_MS);
    const outcome: AttemptOutcome = {
      workspaceId: endpoint.workspaceId,
      endpointId: endpoint.id,
      deliveryId: delivery.id,
      at,
      ...answer,
      status: delivered ? 'delivered' : delay === null ? 'failed' : 'pending',
      nextAttemptAt: delay === null ? null : new Date(Date.now() + delay),
    };
    return { outcome, recorded: this.writer.write(outcome) };
  }

  onApplicationShutdown(): void {
    this.http.close();
  }
}
