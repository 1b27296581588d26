import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { IntegrationEntity, MessageEntity } from '@app/database';
import { SmtpCredentialsService } from '@app/integrations';
import { AttachmentsRepository, MessageAttachment } from '@app/messages';
import { envelopeSenderOf } from '@app/bounces';
import { SmtpTransportPool } from '@app/smtp';
import { trustedWorkspaceId } from '@app/workspace-id';
import { attachmentStream } from './attachment-stream';
import { composeMail, OutgoingAttachment } from './compose-mail';
import { DeliveryFailure, describeFailure } from './delivery-failure';
import { TrackedContent } from './tracked-content';

/** The server's reply when it took the message, or what went wrong in the words the message's error shows. */
export type SendResult = { sent: true; response: string } | { sent: false; failure: DeliveryFailure };

/**
 * One SMTP attempt: the integration's pooled transport and credentials, the body as it goes out
 * (tracked, personalised), the attachments streamed from PostgreSQL as the server reads them,
 * and for OAuth2 the one retry with a fresh token.
 */
@Injectable()
export class MessageSender {
  constructor(
    private readonly config: AppConfig,
    private readonly pool: SmtpTransportPool,
    private readonly credentials: SmtpCredentialsService,
    private readonly content: TrackedContent,
    private readonly attachments: AttachmentsRepository,
  ) {}

  async send(integration: IntegrationEntity, message: MessageEntity): Promise<SendResult> {
    try {
      const attachments =
        message.attachmentBytes > 0 ? await this.attachments.ofMessage(trustedWorkspaceId(message.workspaceId), message.id) : [];
      return { sent: true, response: await this.sendWithFreshTokenOnAuthFailure(integration, message, attachments) };
    } catch (error) {
      const failure = this.describe(error, integration, message);
      // The server refused the credentials: the next attempt starts from a new transport.
      if (failure.kind === 'auth') this.pool.discard(integration.id);
      return { sent: false, failure };
    }
  }

  /**
   * nodemailer only asks for a new token after a 334 challenge; Exchange answers 535 5.7.3 at
   * once, so on an OAuth2 authentication failure the token and the pool are dropped and the
   * send is tried once more here.
   */
  private async sendWithFreshTokenOnAuthFailure(
    integration: IntegrationEntity,
    message: MessageEntity,
    attachments: MessageAttachment[],
  ): Promise<string> {
    try {
      return await this.sendOnce(integration, message, attachments);
    } catch (error) {
      if (this.describe(error, integration, message).kind !== 'auth' || integration.authType !== 'oauth2') throw error;
      await this.credentials.invalidateAccessToken(integration);
      this.pool.discard(integration.id);
      return this.sendOnce(integration, message, attachments);
    }
  }

  private async sendOnce(integration: IntegrationEntity, message: MessageEntity, attachments: MessageAttachment[]): Promise<string> {
    const transport = await this.pool.get(
      integration.id,
      `${integration.credentialsVersion}:${integration.updatedAt.getTime()}`,
      {
        host: integration.host,
        port: integration.port,
        security: integration.security,
        ehloHostname: integration.ehloHostname ?? message.fromEmail.split('@')[1]!,
        allowSelfSignedCertificate: integration.allowSelfSignedCertificate,
        maxConnections: integration.maxConnections,
        allowPrivateHosts: this.config.SMTP_ALLOW_PRIVATE_HOSTS,
      },
      this.credentials.auth(integration),
    );
    const envelopeFrom = envelopeSenderOf(integration, message.fromEmail);
    const mail = composeMail(message, await this.content.build(message), this.streams(message, attachments), envelopeFrom);
    return (await transport.sendMail(mail)).response;
  }

  /** Fresh streams for each attempt: a stream read by a failed attempt cannot be read again. */
  private streams(message: MessageEntity, attachments: MessageAttachment[]): OutgoingAttachment[] {
    const workspaceId = trustedWorkspaceId(message.workspaceId);
    return attachments.map((attachment) => ({
      ...attachment,
      content: attachmentStream(
        (offset, length) => this.attachments.readSlice(workspaceId, attachment.sha256, offset, length),
        attachment.size,
        attachment.filename,
      ),
    }));
  }

  private describe(error: unknown, integration: IntegrationEntity, message: MessageEntity): DeliveryFailure {
    return describeFailure(error, integration, this.credentials.mailbox(integration), message.fromEmail);
  }
}
