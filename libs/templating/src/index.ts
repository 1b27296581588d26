// The one Liquid engine (no file access, bounded) and the mail templates rendered with it.
export * from './mail-templates';
export * from './template-errors';
export { MAX_TEMPLATE_LENGTH } from './liquid-engine';
