import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfig, carriesMetricsToken, MetricsRegistry } from '@app/core';
import { JobsProcessor } from '../jobs.processor.js';
import { JOB_LOG } from './job-log.js';

/**
 * The worker's only listener, on HOST:WORKER_PORT when that is set: `GET /health` (200 while taking
 * jobs, 503 once shutting down) for an orchestrator, and `GET /metrics` in Prometheus format behind
 * METRICS_TOKEN, as on the API (absent without it).
 */
@Injectable()
export class WorkerStatusServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: MetricsRegistry,
    private readonly processor: JobsProcessor,
    @Inject(JOB_LOG) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.jobs.worker.port;
    if (port === null) return;
    const server = createServer((request, response) => {
      this.answer(request, response).catch((error: unknown) => {
        this.log.error({ error: String(error) }, 'worker status request failed');
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.config.host, () => resolve());
    });
    this.server = server;
    this.log.info({ port, host: this.config.host }, 'worker health and metrics listening');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0].replace(/\/$/, '');
    const token = this.config.observability.metricsToken;
    if (request.method === 'GET' && path === '/health') {
      const stopping = this.processor.isStopping;
      const running = !stopping && this.processor.worker.isRunning();
      send(response, running ? 200 : 503, 'application/json', JSON.stringify({ status: running ? 'ok' : 'stopping' }));
    } else if (request.method === 'GET' && path === '/metrics' && token !== null) {
      if (!carriesMetricsToken(request.headers.authorization, token)) {
        response.setHeader('WWW-Authenticate', 'Bearer');
        send(
          response,
          401,
          'application/json',
          JSON.stringify({ status: 401, title: 'A valid metrics token is required.' }),
        );
        return;
      }
      const { contentType, body } = await this.metrics.render();
      send(response, 200, contentType, body);
    } else {
      send(response, 404, 'application/json', JSON.stringify({ status: 404, title: 'Not found.' }));
    }
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' }).end(body);
}
