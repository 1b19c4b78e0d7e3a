import type { UploadedFile } from './messages.js';

/** One HTTP request the bot made to the stand-in, recorded before it was answered. */
export interface RecordedCall {
  method: string;
  /** Path without the `/api/v10` prefix, e.g. `/channels/123/messages` (other paths are kept whole). */
  path: string;
  /** Query string parameters, e.g. `{ with_response: 'false' }` or `{ wait: 'true' }`. */
  query: Record<string, string>;
  /** Parsed JSON body; for multipart/form-data the parsed `payload_json`; `null` when there was none. */
  body: unknown;
  /** Files of a multipart body (`files[n]` parts). */
  files: UploadedFile[];
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  /** HTTP status the stand-in answered with (404 for unknown routes, 4xx for refused payloads). */
  status: number;
  /** Milliseconds since the Unix epoch at which the request arrived. */
  at: number;
}

interface Waiter {
  pred: (c: RecordedCall) => boolean;
  resolve: (c: RecordedCall) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/** The record of calls, with a way to wait for one that has not happened yet. */
export class CallLog {
  readonly calls: RecordedCall[] = [];
  private readonly waiters = new Set<Waiter>();

  add(call: RecordedCall): void {
    this.calls.push(call);
    for (const waiter of this.waiters) {
      if (waiter.pred(call)) {
        this.settle(waiter);
        waiter.resolve(call);
      }
    }
  }

  /**
   * The first recorded call (past or future) matching `pred`. Rejects after `timeoutMs` with the list
   * of calls that did happen, so a failing test says what the bot did instead.
   */
  waitFor(pred: (c: RecordedCall) => boolean, timeoutMs = 10_000): Promise<RecordedCall> {
    const past = this.calls.find(pred);
    if (past) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        pred,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.settle(waiter);
          reject(
            new Error(
              `stand-in: no matching call within ${timeoutMs} ms; calls so far:\n${this.describe()}`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  describe(): string {
    return this.calls.map((c) => `  ${c.status} ${c.method} ${c.path}`).join('\n') || '  (none)';
  }

  /** Fails every pending wait, so closing the stand-in never leaves a test hanging on a timer. */
  rejectAll(reason: string): void {
    for (const waiter of [...this.waiters]) {
      this.settle(waiter);
      waiter.reject(new Error(reason));
    }
  }

  private settle(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
  }
}
