import { join } from 'node:path';
import { startFerretDb } from './ferretdb';
import { startKafka } from './kafka';

export interface LocalInfra {
  kafkaBrokers: string;
  mongoUri: string;
  /** What was started here, e.g. ["Apache Kafka 4.1.1", "FerretDB v1.24.2"]; empty when all external. */
  started: string[];
  logFiles: string[];
  stop(): Promise<void>;
}

/**
 * Uses KAFKA_BROKERS and MONGODB_URI when given; otherwise provisions (cached) and starts a
 * local Kafka and/or FerretDB under `workDir`.
 */
export async function startLocalInfra(
  workDir: string,
  env: { KAFKA_BROKERS?: string; MONGODB_URI?: string } = process.env,
): Promise<LocalInfra> {
  const [kafka, ferret] = await Promise.allSettled([
    env.KAFKA_BROKERS ? undefined : startKafka(join(workDir, 'kafka')),
    env.MONGODB_URI ? undefined : startFerretDb(join(workDir, 'ferretdb')),
  ]);
  const processes = [kafka, ferret].flatMap((r) =>
    r.status === 'fulfilled' && r.value !== undefined ? [r.value.process] : [],
  );
  const stop = async (): Promise<void> => {
    await Promise.allSettled(processes.map((p) => p.stop()));
  };
  if (kafka.status === 'rejected' || ferret.status === 'rejected') {
    await stop();
    const reasons = [kafka, ferret].flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    throw new Error(`local infrastructure failed to start:\n${reasons.join('\n')}`);
  }
  const localKafka = kafka.value;
  const localFerret = ferret.value;
  return {
    kafkaBrokers: env.KAFKA_BROKERS || (localKafka?.brokers ?? ''),
    mongoUri: env.MONGODB_URI || (localFerret?.uri ?? ''),
    started: [
      ...(localKafka ? [`Apache Kafka ${localKafka.version}`] : []),
      ...(localFerret ? [`FerretDB ${localFerret.version}`] : []),
    ],
    logFiles: processes.flatMap((p) => (p.logFile ? [p.logFile] : [])),
    stop,
  };
}
