import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { problem } from './problem-details.filter.js';

/**
 * Answers what Node's HTTP parser refuses before Fastify has a request (a request line or headers over
 * `--max-http-header-size`, 16 KB by default; a client too slow to send its request; malformed HTTP)
 * with problem+json like every other answer, in place of Fastify's own JSON. The socket is closed after.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The URL or the headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request was not received in time.']
        : [400, 'The request is not valid HTTP.'];
  const body = JSON.stringify(problem(status, detail));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
