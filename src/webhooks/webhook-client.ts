import { Injectable, OnModuleDestroy } from '@nestjs/common';
import * as http from 'node:http';
import * as https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { AppConfig } from '../config/app-config';
import type { SignedHeaders } from './signing';

export interface PostResult {
  /** The response's status code; null when none came (refused, unreachable, timed out). */
  status: number | null;
  latencyMs: number;
  /** Why it is not a success: the error, or the status with the start of the response body. */
  error: string | null;
}

/** Bytes of a response body kept for the delivery log. */
const BODY_KEPT = 512;
const USER_AGENT = 'tenant-update-scheduler-webhooks/1';

/**
 * POSTs signed webhook bodies. Unless WEBHOOK_ALLOW_PRIVATE, only https, and the connection is made
 * through request-filtering-agent, which refuses loopback, private, link-local and other non-public
 * addresses after the name is resolved (so a host that resolves elsewhere later is refused too).
 * No redirects are followed; any 2xx is a success.
 */
@Injectable()
export class WebhookClient implements OnModuleDestroy {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(private readonly config: AppConfig) {
    const options = { keepAlive: true, maxSockets: config.webhookEndpointConcurrency };
    if (config.webhookAllowPrivate) {
      this.httpAgent = new http.Agent(options);
      this.httpsAgent = new https.Agent(options);
    } else {
      const filter = { allowPrivateIPAddress: false, allowMetaIPAddress: false };
      this.httpAgent = new RequestFilteringHttpAgent({ ...options, ...filter });
      this.httpsAgent = new RequestFilteringHttpsAgent({ ...options, ...filter });
    }
  }

  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** Never rejects: whatever goes wrong (a refused address too) is the attempt's error. */
  async post(
    url: string,
    body: string,
    headers: SignedHeaders,
    signal?: AbortSignal,
  ): Promise<PostResult> {
    try {
      return await this.request(url, body, headers, signal);
    } catch (err) {
      return {
        status: null,
        latencyMs: 0,
        error: err instanceof Error ? err.message : String(err),
      };
    }
  }

  private request(
    url: string,
    body: string,
    headers: SignedHeaders,
    signal?: AbortSignal,
  ): Promise<PostResult> {
    const started = process.hrtime.bigint();
    const latency = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
    return new Promise((resolve) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        resolve({ status: null, latencyMs: 0, error: 'invalid URL' });
        return;
      }
      const secure = target.protocol === 'https:';
      if (!secure && !(this.config.webhookAllowPrivate && target.protocol === 'http:')) {
        resolve({ status: null, latencyMs: 0, error: 'only https URLs are allowed' });
        return;
      }
      const request = (secure ? https : http).request(
        target,
        {
          method: 'POST',
          agent: secure ? this.httpsAgent : this.httpAgent,
          timeout: this.config.webhookTimeoutMs,
          signal,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': USER_AGENT,
            ...headers,
          },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          let kept = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            if (kept.length < BODY_KEPT) kept += chunk.slice(0, BODY_KEPT - kept.length);
          });
          response.on('end', () => {
            const ok = status >= 200 && status < 300;
            resolve({
              status,
              latencyMs: latency(),
              error: ok ? null : `HTTP ${status}${kept ? `: ${kept.trim()}` : ''}`,
            });
          });
          response.on('error', (err) =>
            resolve({ status, latencyMs: latency(), error: err.message }),
          );
        },
      );
      const deadline = setTimeout(
        () => request.destroy(new Error(`no response within ${this.config.webhookTimeoutMs} ms`)),
        this.config.webhookTimeoutMs,
      );
      request.on('timeout', () =>
        request.destroy(new Error(`timed out after ${this.config.webhookTimeoutMs} ms`)),
      );
      request.on('error', (err) =>
        resolve({ status: null, latencyMs: latency(), error: err.message }),
      );
      request.on('close', () => clearTimeout(deadline));
      request.end(body);
    });
  }
}
