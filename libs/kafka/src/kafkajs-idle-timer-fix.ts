/**
 * kafkajs 2.2.4 re-arms a 1 ms timer for ever once a connection has answered a request
 * (tulios/kafkajs#1751: about 900 wake-ups a second per connection, and a TimeoutNegativeWarning
 * on Node.js 24); its fix is unreleased. kafkajs is pinned exactly, so this internal is known.
 * Applied at run time rather than by an install script, so `npx ledger` and `npm ci --omit=dev`
 * get it too.
 */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prototype } = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals };
const scheduleCheckPendingRequests = prototype.scheduleCheckPendingRequests;

prototype.scheduleCheckPendingRequests = function (this: RequestQueueInternals): void {
  // Nothing queued and no throttle to wait out: push() schedules again when a request queues.
  if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
  scheduleCheckPendingRequests.call(this);
};
