export * from './mail-templates';
