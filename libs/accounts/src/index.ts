// People: users and their passwords, sessions, workspace memberships and invitations.
export * from './accounts.module';
