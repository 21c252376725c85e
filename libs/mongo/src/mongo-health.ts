import type { Db } from 'mongodb';

export interface MongoStatus {
  status: 'up' | 'down';
  error?: string;
}

export async function checkMongo(db: Db, timeoutMs = 3000): Promise<MongoStatus> {
  try {
    await db.command({ ping: 1 }, { timeoutMS: timeoutMs });
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}
