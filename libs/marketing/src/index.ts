// Marketing data: contacts, lists and their memberships, broadcasts, and the suppression list they all respect.
export * from './broadcast-transitions';
export * from './broadcasts.repository';
export * from './contacts.repository';
export * from './list-memberships.repository';
export * from './lists.repository';
export * from './marketing.module';
export * from './suppressions.repository';
