import { MongoClient, type Db } from 'mongodb';

export interface MongoConnectionOptions {
  uri: string;
  database: string;
  /** Time limit of every operation: a frozen server makes callers fail, never hang. */
  timeoutMs?: number;
  /** TLS to the server (the URI's `tls=true` works too); a CA file narrows whom to trust. */
  tls?: boolean;
  tlsCAFile?: string | undefined;
}

export interface MongoConnection {
  client: MongoClient;
  db: Db;
}

/**
 * The driver connects on first use, so a process can start (and report itself degraded) while
 * the database is down; a short server-selection timeout makes operations fail fast, not hang.
 */
export function createMongoConnection(options: MongoConnectionOptions): MongoConnection {
  const timeoutMs = options.timeoutMs ?? 5000;
  const client = new MongoClient(options.uri, {
    serverSelectionTimeoutMS: Math.min(5000, timeoutMs),
    connectTimeoutMS: Math.min(5000, timeoutMs),
    // Driver 6 ignores timeoutMS: a socket silent this long is closed and the operation fails,
    // and waiting for a pooled connection is bounded the same way (a frozen server, not a hang).
    socketTimeoutMS: timeoutMs,
    waitQueueTimeoutMS: timeoutMs,
    appName: 'consent-ledger',
    ...(options.tls ? { tls: true } : {}),
    ...(options.tlsCAFile !== undefined ? { tlsCAFile: options.tlsCAFile } : {}),
  });
  return { client, db: client.db(options.database) };
}
