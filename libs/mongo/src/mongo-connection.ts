import { MongoClient, type Db } from 'mongodb';

export interface MongoConnectionOptions {
  uri: string;
  database: string;
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
  const client = new MongoClient(options.uri, {
    serverSelectionTimeoutMS: 5000,
    appName: 'consent-ledger',
  });
  return { client, db: client.db(options.database) };
}
