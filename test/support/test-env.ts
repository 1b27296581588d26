// Runs in every jest worker before any test file: tests never depend on the developer's shell.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.PLATFORM_ADMIN_TOKEN = 'test-platform-admin-token-0123456789';
process.env.ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
