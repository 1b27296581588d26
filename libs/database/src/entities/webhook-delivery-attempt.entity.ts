import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One POST of a delivery, for the delivery log: what came back and how long it took. */
@Entity({ name: 'webhook_delivery_attempts', synchronize: false })
export class WebhookDeliveryAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @PrimaryColumn({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** The HTTP status; null when no answer came (timeout, refused address, connection error). */
  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode: number | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  /** The start of the response body, at most 1 KB of it. */
  @Column({ type: 'text', nullable: true })
  response: string | null;

  /** Why no answer came, when none did. */
  @Column({ type: 'text', nullable: true })
  error: string | null;
}
