// People: users and their passwords, sessions, workspace memberships and invitations.
export * from './accounts.module';
export * from './invitations.repository';
export * from './password-hasher';
export * from './password-policy';
export * from './users.repository';
export * from './workspace-members.repository';
export * from './single-use-tokens.repository';
export * from './single-use-tokens.service';
export * from './session-cookie';
export * from './sessions.service';
export * from './user-sessions.repository';
