/** Replay protection: the nonces authenticated requests have used. */
import type { Database } from 'better-sqlite3';

export function isNonceUsed(db: Database, subscriberId: number, nonce: string): boolean {
  return db.prepare('SELECT 1 FROM used_nonce WHERE subscriber_id = ? AND nonce = ?').get(subscriberId, nonce.toUpperCase()) !== undefined;
}

/** Records a nonce; a second use of the same nonce is a no-op here (the caller refuses it first). */
export function recordNonce(db: Database, subscriberId: number, nonce: string, requestTimestamp: string, at: string): void {
  db.prepare('INSERT OR IGNORE INTO used_nonce (subscriber_id, nonce, request_timestamp, received_at) VALUES (?, ?, ?, ?)').run(
    subscriberId,
    nonce.toUpperCase(),
    requestTimestamp,
    at,
  );
}

/**
 * Forgets nonces whose request timestamp lies before `before`: a replay of
 * such a request is refused for its stale timestamp anyway.
 */
export function purgeNoncesBefore(db: Database, before: string): number {
  return db.prepare('DELETE FROM used_nonce WHERE request_timestamp < ?').run(before).changes;
}
