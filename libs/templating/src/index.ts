export * from './mail-templates';
export * from './template-errors';
export { MAX_TEMPLATE_LENGTH } from './liquid-engine';
