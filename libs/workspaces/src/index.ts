// Workspace rows: their settings and link-signing key. API keys belong to @app/tenancy.
export * from './workspaces-data.module';
export * from './workspaces.repository';
