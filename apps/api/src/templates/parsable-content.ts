import { BadRequestException } from '@nestjs/common';
import { compileMailTemplates, MailSource, TemplateSyntaxError } from '@app/templating';

/**
 * What content must be to be saved, as a template or a broadcast: some body, and Liquid that
 * parses with the engine and sandbox of a send (400 naming the field and line otherwise).
 */
export function assertParsable(source: MailSource): void {
  if (source.html === null && source.text === null) throw new BadRequestException(['html or text is required']);
  try {
    compileMailTemplates(source);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) throw new BadRequestException([error.message]);
    throw error;
  }
}
