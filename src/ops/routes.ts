// The operator's HTTP routes beside Slack's: /healthz (liveness: the process answers and its
// database connection works), /readyz (readiness: every check in readiness.ts, 503 with the
// reasons otherwise), /metrics (Prometheus). Served by Bolt's receiver, in Socket Mode too.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { AppDatabase } from '../store/app-database.js';
import type { Metrics } from './metrics.js';
import type { Readiness } from './readiness.js';

export interface OpsRouteDeps {
  database: AppDatabase;
  readiness: Readiness;
  metrics: Metrics;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export function opsRoutes(deps: OpsRouteDeps): CustomRoute[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        void deps.database
          .alive()
          .then((ok) => json(res, ok ? 200 : 503, { ok, database: ok ? 'open' : 'unavailable' }));
      },
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        void deps.readiness.report().then((report) => json(res, report.ready ? 200 : 503, report));
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        deps.metrics.exposition().then(
          ({ contentType, body }) => {
            res.writeHead(200, { 'content-type': contentType });
            res.end(body);
          },
          (err: unknown) => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(`metrics failed: ${err instanceof Error ? err.message : String(err)}\n`);
          },
        );
      },
    },
  ];
}
