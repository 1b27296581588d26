import { BadRequestException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { TemplateResolver } from '@app/templates';
import { MessageTemplateScope, renderMailTemplates, TemplateError } from '@app/templating';
import { TrackingLinks } from '@app/tracking';
import { WorkspaceId } from '@app/workspace-id';
import { referenceRefusal, renderRefusal } from '../templates/template-refusals';
import { templateRecipient } from '../templates/template-recipient';
import type { MessageContent } from './message-draft';
import type { SendMessageDto } from './message.dto';

/** One message of a request: its body, the id it will have, and its path in the request (`""`, `"messages[3]."`). */
export interface Send {
  dto: SendMessageDto;
  id: string;
  path: string;
}

/**
 * The content of sends that name a stored template, rendered when they are accepted, so the
 * stored message holds its final subject, html and text and the worker sends it like any other.
 * A batch resolves its templates in two queries and parses each distinct version once.
 *
 * The template sees `data`, and as `to` the first `to` recipient: a message is one mail for all
 * its recipients, so content personal to each is sent as one message each (a batch).
 */
@Injectable()
export class TemplatedContent {
  constructor(
    private readonly resolver: TemplateResolver,
    private readonly trackingLinks: TrackingLinks,
  ) {}

  /** Per send, in their order: the rendered content, or undefined for content given inline. All refusals of a batch at once. */
  async render(workspaceId: WorkspaceId, sends: Send[]): Promise<Array<MessageContent | undefined>> {
    const templated = sends.filter((send) => send.dto.template !== undefined);
    if (templated.length === 0) return sends.map(() => undefined);
    const mixed = templated.filter(({ dto }) => dto.subject !== undefined || dto.html !== undefined || dto.text !== undefined);
    if (mixed.length > 0) {
      throw new BadRequestException(mixed.map(({ path }) => `${path}template: give either template or subject, html and text, not both`));
    }

    const resolved = await this.resolver.resolve(
      workspaceId,
      templated.map(({ dto }) => dto.template!),
    );
    const unknown = templated.map((send, index) => referenceRefusal(send.dto.template!, resolved[index]!, send.path));
    if (unknown.some(Boolean)) throw new UnprocessableEntityException(unknown.filter(Boolean));
    const versions = resolved.map((answer) => ('found' in answer ? answer.found : null));

    const unsubscribeLinks = templated.some(({ dto }) => dto.type === 'marketing')
      ? await this.trackingLinks.forWorkspace(workspaceId)
      : undefined;
    const refusals: string[] = [];
    const contents = new Map<Send, MessageContent>();
    templated.forEach((send, index) => {
      const version = versions[index]!;
      const data = send.dto.template!.data ?? {};
      const to = templateRecipient(send.dto.to[0]);
      const links = send.dto.type === 'marketing' ? unsubscribeLinks : undefined;
      const scope: MessageTemplateScope = links
        ? {
            data,
            to,
            // The link the worker puts in the List-Unsubscribe header, signed only when the template asks for it.
            get unsubscribe_url() {
              return links(send.id)('unsubscribe');
            },
          }
        : { data, to };
      try {
        contents.set(send, renderMailTemplates(version.templates, scope, { strict: version.strict }));
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        refusals.push(renderRefusal(version, error, send.path));
      }
    });
    if (refusals.length > 0) throw new UnprocessableEntityException(refusals);
    return sends.map((send) => contents.get(send));
  }
}
