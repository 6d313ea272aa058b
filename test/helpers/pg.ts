// The PostgreSQL test databases live in the testkit (the harness runs on one under test:pg).
export * from '../../testkit/postgres.js';
