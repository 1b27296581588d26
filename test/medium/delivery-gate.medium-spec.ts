import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CryptoModule } from '@app/crypto';
import {
  BroadcastEntity,
  BroadcastStatus,
  IntegrationEntity,
  Mailbox,
  MessageEntity,
  SuppressionReason,
  WorkspaceEntity,
} from '@app/database';
import { IntegrationsModule, IntegrationsRepository } from '@app/integrations';
import { BroadcastsRepository, ListsRepository, MarketingModule, SuppressionsRepository } from '@app/marketing';
import { trustedWorkspaceId, WorkspaceId } from '@app/workspace-id';
import { BroadcastSnapshots, PAUSED_RECHECK_MS } from '../../apps/worker/src/broadcasts/broadcast-snapshots';
import { BouncedAddresses } from '../../apps/worker/src/delivery/bounced-addresses';
import { CircuitBreaker } from '../../apps/worker/src/delivery/circuit-breaker';
import { DeliveryGate } from '../../apps/worker/src/delivery/delivery-gate.service';
import { IntegrationRateLimiter } from '../../apps/worker/src/delivery/integration-rate-limiter';
import { MediumContext, startMediumContext } from '../support/medium-context';

const RECONNECT_HOLD_MS = 4321;
const MESSAGE_MAX_AGE_MS = 3_600_000;
const CIRCUIT_BREAKER_COOLDOWN_MS = 60_000;
/** The cooldown, or a minute's rate limit, less the few milliseconds the row took: within half a second of 60 s. */
const aboutAMinute = expect.closeTo(60_000, -3);

/** What a row of the table needs to set up its situation, all through the real repositories. */
class Situation {
  constructor(
    private readonly context: MediumContext,
    readonly workspaceId: WorkspaceId,
    readonly listId: string,
  ) {}

  async integration(overrides: Partial<IntegrationEntity> = {}): Promise<IntegrationEntity> {
    const integration = Object.assign(new IntegrationEntity(), {
      id: randomUUID(),
      name: 'Company SMTP',
      host: '127.0.0.1',
      port: 2525,
      security: 'none',
      authType: 'none',
      // The gate looks at the message's own integration, never at the workspace's usage defaults.
      usageTransactional: false,
      usageMarketing: false,
      senders: [],
      ...overrides,
    });
    return this.context.module.get(IntegrationsRepository).save(this.workspaceId, integration);
  }

  async broadcast(status: BroadcastStatus): Promise<string> {
    const broadcast = Object.assign(new BroadcastEntity(), {
      id: randomUUID(),
      name: 'Spring sale',
      listId: this.listId,
      subject: 'Sale',
      html: '<p>Sale</p>',
      status,
    });
    return (await this.context.module.get(BroadcastsRepository).save(this.workspaceId, broadcast)).id;
  }

  async anotherList(): Promise<string> {
    return (await this.context.module.get(ListsRepository).insert(this.workspaceId, { name: 'Product updates', description: null })).id;
  }

  suppress(email: string, listId: string | null = null, reason: SuppressionReason = 'unsubscribe'): Promise<void> {
    return this.context.module.get(SuppressionsRepository).add(this.workspaceId, [{ email, listId, reason }]);
  }

  /** A message as the loader would hand it over; the gate reads nothing of it from the database. */
  message(integration: IntegrationEntity, overrides: Partial<MessageEntity> = {}): MessageEntity {
    return Object.assign(new MessageEntity(), {
      id: randomUUID(),
      workspaceId: this.workspaceId,
      integrationId: integration.id,
      type: 'transactional',
      status: 'queued',
      fromEmail: 'support@example.com',
      to: [{ email: 'ada@example.com' }],
      cc: [],
      bcc: [],
      listId: null,
      broadcastId: null,
      errorMessage: null,
      errorHint: null,
      attempts: 0,
      createdAt: new Date(),
      ...overrides,
    });
  }

  marketing(integration: IntegrationEntity, overrides: Partial<MessageEntity> = {}): MessageEntity {
    return this.message(integration, { type: 'marketing', listId: this.listId, ...overrides });
  }

  get breaker(): CircuitBreaker {
    return this.context.module.get(CircuitBreaker);
  }

  get rateLimiter(): IntegrationRateLimiter {
    return this.context.module.get(IntegrationRateLimiter);
  }
}

const failed = (code: string, message?: string) => ({
  verdict: 'fail',
  failure: { kind: 'permanent', code, ...(message ? { message } : {}) },
});
const waits = (retryInMs: unknown) => ({ verdict: 'wait', retryInMs });
const sends = (recipients: { to: Mailbox[]; cc?: Mailbox[]; bcc?: Mailbox[] }) => ({
  verdict: 'send',
  message: { cc: [], bcc: [], ...recipients },
});

interface Row {
  situation: string;
  arrange: (s: Situation) => Promise<MessageEntity>;
  /** Matched against the decision: what it leaves out may be anything. */
  decision: Record<string, unknown>;
}

const rows: Row[] = [
  {
    situation: 'nothing stands in its way',
    arrange: async (s) => s.message(await s.integration()),
    decision: sends({ to: [{ email: 'ada@example.com' }] }),
  },
  {
    situation: 'its integration was deleted',
    arrange: async (s) => s.message(Object.assign(new IntegrationEntity(), { id: randomUUID() })),
    decision: failed('integration_deleted', 'The integration this message was accepted for no longer exists'),
  },
  {
    situation: 'it is older than the maximum age',
    arrange: async (s) =>
      s.message(await s.integration(), {
        createdAt: new Date(Date.now() - MESSAGE_MAX_AGE_MS - 1000),
        errorMessage: '421 try later',
        errorHint: 'the server is busy',
      }),
    decision: {
      verdict: 'fail',
      failure: { code: 'expired', message: 'not delivered within the maximum age; last error: 421 try later', hint: 'the server is busy' },
    },
  },
  {
    situation: 'its broadcast is paused',
    arrange: async (s) => s.marketing(await s.integration(), { broadcastId: await s.broadcast('paused') }),
    decision: waits(PAUSED_RECHECK_MS),
  },
  {
    situation: 'its broadcast is scheduled for later',
    arrange: async (s) => s.marketing(await s.integration(), { broadcastId: await s.broadcast('scheduled') }),
    decision: waits(PAUSED_RECHECK_MS),
  },
  {
    situation: 'its broadcast was cancelled',
    arrange: async (s) => s.marketing(await s.integration(), { broadcastId: await s.broadcast('cancelled') }),
    decision: failed('broadcast_cancelled', 'The broadcast was cancelled before this message was sent'),
  },
  {
    situation: 'its broadcast was deleted',
    arrange: async (s) => s.marketing(await s.integration(), { broadcastId: randomUUID() }),
    decision: failed('broadcast_cancelled'),
  },
  {
    situation: 'its broadcast failed',
    arrange: async (s) => s.marketing(await s.integration(), { broadcastId: await s.broadcast('failed') }),
    decision: failed('broadcast_failed', 'The broadcast failed before this message was sent'),
  },
  {
    situation: 'its broadcast is sending',
    arrange: async (s) => s.marketing(await s.integration(), { broadcastId: await s.broadcast('sending') }),
    decision: sends({ to: [{ email: 'ada@example.com' }] }),
  },
  {
    situation: 'every recipient of marketing mail is suppressed, one workspace-wide and one for its list',
    arrange: async (s) => {
      await s.suppress('gone@example.com');
      await s.suppress('left@example.com', s.listId);
      return s.marketing(await s.integration(), { to: [{ email: 'Gone@Example.com' }], cc: [{ email: 'left@example.com' }] });
    },
    decision: { verdict: 'suppress' },
  },
  {
    situation: 'one of two recipients of marketing mail is suppressed',
    arrange: async (s) => {
      await s.suppress('bounced@example.com');
      return s.marketing(await s.integration(), { to: [{ email: 'kept@example.com' }], bcc: [{ email: 'bounced@example.com' }] });
    },
    decision: sends({ to: [{ email: 'kept@example.com' }], bcc: [] }),
  },
  {
    situation: 'a recipient of marketing mail unsubscribed from another list only',
    arrange: async (s) => {
      await s.suppress('elsewhere@example.com', await s.anotherList());
      return s.marketing(await s.integration(), { to: [{ email: 'elsewhere@example.com' }] });
    },
    decision: sends({ to: [{ email: 'elsewhere@example.com' }] }),
  },
  {
    situation: 'the recipient of transactional mail is suppressed',
    arrange: async (s) => {
      await s.suppress('reset@example.com');
      return s.message(await s.integration(), { to: [{ email: 'reset@example.com' }] });
    },
    decision: sends({ to: [{ email: 'reset@example.com' }] }),
  },
  {
    situation: 'the recipient of transactional mail bounced for good (the workspace stops transactional mail to it, as by default)',
    arrange: async (s) => {
      await s.suppress('dead@example.com', null, 'bounce');
      return s.message(await s.integration(), { to: [{ email: 'Dead@Example.com' }] });
    },
    decision: { verdict: 'suppress' },
  },
  {
    situation: 'one of two recipients of transactional mail complained',
    arrange: async (s) => {
      await s.suppress('angry@example.com', null, 'complaint');
      return s.message(await s.integration(), { to: [{ email: 'calm@example.com' }], cc: [{ email: 'angry@example.com' }] });
    },
    decision: sends({ to: [{ email: 'calm@example.com' }], cc: [] }),
  },
  {
    situation: 'its integration needs reconnecting',
    arrange: async (s) => s.message(await s.integration({ statusState: 'needs_reconnect' })),
    decision: waits(RECONNECT_HOLD_MS),
  },
  {
    situation: 'the circuit of its integration is open',
    arrange: async (s) => {
      const integration = await s.integration();
      await s.breaker.recordFailure(integration.id);
      return s.message(integration);
    },
    decision: waits(aboutAMinute),
  },
  {
    situation: 'marketing mail finds the rate limit of its integration used up',
    arrange: async (s) => {
      const integration = await s.integration({ rateLimitPerMinute: 1 });
      await s.rateLimiter.reserve(integration, 'marketing');
      return s.marketing(integration);
    },
    decision: waits(aboutAMinute),
  },
  {
    situation: 'transactional mail finds the rate limit of its integration used up',
    arrange: async (s) => {
      const integration = await s.integration({ rateLimitPerMinute: 1 });
      await s.rateLimiter.reserve(integration, 'marketing');
      return s.message(integration);
    },
    decision: sends({ to: [{ email: 'ada@example.com' }] }),
  },
];

describe('DeliveryGate (Postgres and Redis, no HTTP app)', () => {
  let context: MediumContext;
  let situation: Situation;

  beforeAll(async () => {
    context = await startMediumContext(
      {
        imports: [CryptoModule, IntegrationsModule, MarketingModule],
        providers: [DeliveryGate, BroadcastSnapshots, BouncedAddresses, CircuitBreaker, IntegrationRateLimiter],
      },
      {
        RECONNECT_HOLD_MS: String(RECONNECT_HOLD_MS),
        MESSAGE_MAX_AGE_MS: String(MESSAGE_MAX_AGE_MS),
        CIRCUIT_BREAKER_THRESHOLD: '1',
        CIRCUIT_BREAKER_COOLDOWN_MS: String(CIRCUIT_BREAKER_COOLDOWN_MS),
        // Each situation adds its suppressions just before deciding.
        BOUNCED_ADDRESSES_CACHE_MS: '0',
      },
    );
    const workspace = await context.module.get(DataSource).getRepository(WorkspaceEntity).save({ name: 'Acme' });
    const workspaceId = trustedWorkspaceId(workspace.id);
    const list = await context.module.get(ListsRepository).insert(workspaceId, { name: 'Newsletter', description: null });
    situation = new Situation(context, workspaceId, list.id);
  });

  afterAll(() => context.close());

  it.each(rows)('$situation → $decision.verdict', async ({ arrange, decision }) => {
    const message = await arrange(situation);
    await expect(context.module.get(DeliveryGate).decide(message)).resolves.toMatchObject(decision);
  });
});
