/** Messages between the bench and its webhook receiver child over the fork IPC channel. */
export type WebhookReceiverRequest = { type: 'count'; id: number };

export type WebhookReceiverReply = { type: 'ready'; port: number } | { type: 'count'; id: number; received: number };
