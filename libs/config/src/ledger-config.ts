import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsNumber,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MinLength,
  Min,
  validateSync,
} from 'class-validator';

export const BATCH_STRATEGIES = ['auto', 'keyed', 'hash', 'join'] as const;
/** Which decisions are kept to be explained later: every one, a random share, none. */
export const DECISION_LOG_MODES = ['all', 'sampled', 'none'] as const;
export type DecisionLogMode = (typeof DECISION_LOG_MODES)[number];
export type BatchStrategySetting = (typeof BATCH_STRATEGIES)[number];

export const SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512', 'plain'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/** The environment variables the ledger reads; README's configuration table lists the same. */
class LedgerEnvironment {
  @IsString()
  @Matches(/^[^,\s:]+:\d+(,[^,\s:]+:\d+)*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS!: string;

  @IsString()
  @IsNotEmpty()
  KAFKA_CLIENT_ID = 'consent-ledger';

  @Matches(/^[a-zA-Z0-9._-]{1,200}$/, { message: 'LEDGER_EVENTS_TOPIC must be a valid topic name' })
  LEDGER_EVENTS_TOPIC = 'ledger.events';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LEDGER_TOPIC_PARTITIONS = 6;

  /** Replicas of the events topic when the ledger creates it; default min(3, brokers). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(16)
  LEDGER_TOPIC_REPLICATION_FACTOR?: number;

  /** Replicas that must hold a write before it is acknowledged; default 2 on 3+ brokers, else 1. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(16)
  LEDGER_TOPIC_MIN_INSYNC_REPLICAS?: number;

  /** TLS to the brokers; with a CA file, only brokers it signed are trusted. */
  @IsIn(['true', 'false'])
  KAFKA_SSL = 'false';

  @IsOptional()
  @IsString()
  KAFKA_SSL_CA_FILE?: string;

  @IsOptional()
  @IsIn(SASL_MECHANISMS)
  KAFKA_SASL_MECHANISM?: SaslMechanism;

  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  @IsString()
  @Matches(/^mongodb(\+srv)?:\/\//, { message: 'MONGODB_URI must be a mongodb:// URI' })
  MONGODB_URI!: string;

  @Matches(/^[a-zA-Z0-9_-]{1,60}$/, { message: 'MONGODB_DATABASE must be a plain database name' })
  MONGODB_DATABASE = 'consent_ledger';

  /** TLS to the database (also `tls=true` in the URI); with a CA file, only servers it signed. */
  @IsIn(['true', 'false'])
  MONGODB_TLS = 'false';

  @IsOptional()
  @IsString()
  MONGODB_TLS_CA_FILE?: string;

  @IsString()
  @IsNotEmpty()
  PROJECTOR_GROUP_ID = 'ledger-projector';

  /** A projector silent this long loses its partitions to another (the broker allows 6-300 s). */
  @Transform(toInt)
  @IsInt()
  @Min(6000)
  @Max(300_000)
  PROJECTOR_SESSION_TIMEOUT_MS = 30_000;

  @IsString()
  @IsNotEmpty()
  HTTP_HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT = 3000;

  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'LEDGER_ADMIN_KEY must be at least 24 characters' })
  LEDGER_ADMIN_KEY?: string;

  /** 32 random bytes, base64: wraps the per-person data keys and keys the identifier hashes. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'LEDGER_MASTER_KEY must be 32 bytes in base64 (openssl rand -base64 32)',
  })
  LEDGER_MASTER_KEY?: string;

  /** The Ed25519 seed (32 bytes, base64) the ledger signs its events with; default: derived from the master key. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, {
    message: 'LEDGER_SIGNING_KEY must be 32 bytes in base64 (openssl rand -base64 32)',
  })
  LEDGER_SIGNING_KEY?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Key of the hashes that stand for emails and phones in logs; one per process when unset. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'LEDGER_LOG_HASH_KEY must be at least 16 characters' })
  LEDGER_LOG_HASH_KEY?: string;

  /** Where the apps append their log lines instead of stdout. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  LEDGER_LOG_FILE?: string;

  /** How far behind the log a read model may be before reads answer 503 read-side-lagging. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  LEDGER_MAX_LAG_MS = 2000;

  /** Every write answers within this bound, with 503 when the log has not acknowledged it. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(120_000)
  LEDGER_WRITE_TIMEOUT_MS = 10_000;

  /** How far a client's occurredAt may run ahead of the ledger's clock. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  LEDGER_MAX_CLOCK_SKEW_MS = 60_000;

  /** How a batch list is answered: chosen per request by its size against the ledger's (auto). */
  @IsIn(BATCH_STRATEGIES)
  LEDGER_BATCH_STRATEGY: BatchStrategySetting = 'auto';

  /** Bounds of a streamed batch list: lines, bytes, longest silence, longest upload. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  LEDGER_BATCH_MAX_LINES = 2_000_000;

  @Transform(toInt)
  @IsInt()
  @Min(4096)
  @Max(64 * 1024 ** 3)
  LEDGER_BATCH_MAX_BYTES = 256 * 1024 ** 2;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  LEDGER_BATCH_IDLE_TIMEOUT_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(24 * 3_600_000)
  LEDGER_BATCH_MAX_UPLOAD_MS = 600_000;

  /** Requests one API key (or, without a key, one address) may make per window. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  LEDGER_RATE_LIMIT_MAX = 20_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  LEDGER_RATE_LIMIT_WINDOW_MS = 10_000;

  /** How often the retention worker sweeps (expiries, recordings due, idempotency keys, deadlines). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(7 * 24 * 3_600_000)
  LEDGER_RETENTION_INTERVAL_MS = 3_600_000;

  /** How long an Idempotency-Key is remembered: a retry later than this is a new request. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  LEDGER_IDEMPOTENCY_KEEP_DAYS = 30;

  /** Where the retention worker serves its Prometheus metrics (0: any free port). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  LEDGER_RETENTION_METRICS_PORT = 9465;

  /** How often the projector signs its per-partition checkpoints (offset and running digest). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(24 * 3_600_000)
  LEDGER_CHECKPOINT_INTERVAL_MS = 60_000;

  /** Which decisions are kept to be explained later (GET /v1/decisions/{id}): all, a sample, none. */
  @IsIn(DECISION_LOG_MODES)
  LEDGER_DECISION_LOG: DecisionLogMode = 'all';

  /** With LEDGER_DECISION_LOG=sampled: the share of decisions kept, from 0 to 1. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  LEDGER_DECISION_LOG_SAMPLE_RATE = 0.1;

  /** How long a logged decision is kept before the retention worker deletes it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(36500)
  LEDGER_DECISION_LOG_KEEP_DAYS = 400;

  /** Time limit of every MongoDB operation. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  MONGODB_TIMEOUT_MS = 5000;
}

export interface LedgerConfig {
  kafka: {
    brokers: string[];
    clientId: string;
    eventsTopic: string;
    topicPartitions: number;
    projectorGroupId: string;
    projectorSessionTimeoutMs: number;
    /** Undefined: chosen from the cluster's size when the topic is created. */
    replicationFactor: number | undefined;
    minInsyncReplicas: number | undefined;
    /** false, true (system CAs), or the PEM of the CAs to trust. */
    ssl: boolean | { ca: string };
    sasl: { mechanism: SaslMechanism; username: string; password: string } | undefined;
  };
  mongo: { uri: string; database: string; timeoutMs: number; tls: boolean; tlsCAFile: string | undefined };
  http: { host: string; port: number };
  /** Fail-closed bounds: read staleness, write acknowledgement, client clock skew. */
  limits: { maxLagMs: number; writeTimeoutMs: number; maxClockSkewMs: number };
  batch: {
    strategy: BatchStrategySetting;
    upload: { maxLines: number; maxBytes: number; idleTimeoutMs: number; maxUploadMs: number };
  };
  /** Per API key (or address, for requests without a key), in fixed windows. */
  rateLimit: { max: number; windowMs: number };
  /** Undefined for processes that authenticate nobody (the projector). */
  adminKey: string | undefined;
  /** Undefined for processes that read no personal data (the CLI, benches). */
  masterKey: Buffer | undefined;
  /** Undefined: derived from the master key. */
  signingKey: Buffer | undefined;
  /** The retention worker: its sweep interval, the idempotency window, its metrics port. */
  retention: { intervalMs: number; idempotencyKeepDays: number; metricsPort: number };
  /** Signed checkpoints (projector) and the decision log (API), kept for proof. */
  proof: {
    checkpointIntervalMs: number;
    decisionLog: { mode: DecisionLogMode; sampleRate: number; keepDays: number };
  };
  logLevel: LogLevel;
  /** Undefined: each process draws its own (hashes then correlate within a process only). */
  logHashKey: string | undefined;
  /** Undefined: stdout. */
  logFile: string | undefined;
}

/** Published in README for `npm start` on local infrastructure; refused anywhere else. */
export const DEV_ADMIN_KEY = 'dev-admin-key-not-for-production';

/** Published in README for `npm start` on local infrastructure; refused anywhere else. */
export const DEV_MASTER_KEY = Buffer.from('dev-master-key-not-for-production')
  .subarray(0, 32)
  .toString('base64');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once, at start; every problem is reported together. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { requireAdminKey?: boolean; requireMasterKey?: boolean } = {},
): LedgerConfig {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = plainToInstance(LedgerEnvironment, defined, { exposeDefaultValues: true });
  const problems = validateSync(parsed, { whitelist: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
  if (options.requireAdminKey && parsed.LEDGER_ADMIN_KEY === undefined) {
    problems.push('LEDGER_ADMIN_KEY is required (the bootstrap admin API key)');
  }
  if (options.requireMasterKey && parsed.LEDGER_MASTER_KEY === undefined) {
    problems.push('LEDGER_MASTER_KEY is required (32 random bytes in base64: openssl rand -base64 32)');
  }
  if (parsed.LEDGER_MASTER_KEY === DEV_MASTER_KEY && defined.LEDGER_LOCAL_INFRA !== '1') {
    problems.push(
      'LEDGER_MASTER_KEY is the published development key, accepted only on the local infrastructure of npm start; choose a secret one',
    );
  }
  // `npm start` says LEDGER_LOCAL_INFRA=1 only when it started the broker and database itself.
  if (parsed.LEDGER_ADMIN_KEY === DEV_ADMIN_KEY && defined.LEDGER_LOCAL_INFRA !== '1') {
    problems.push(
      'LEDGER_ADMIN_KEY is the published development key, accepted only on the local infrastructure of npm start; choose a secret one',
    );
  }
  const sasl = [parsed.KAFKA_SASL_MECHANISM, parsed.KAFKA_SASL_USERNAME, parsed.KAFKA_SASL_PASSWORD];
  if (sasl.some((v) => v !== undefined) && sasl.some((v) => v === undefined)) {
    problems.push('KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD go together');
  }
  const caProblem = (name: string, path: string | undefined): void => {
    if (path !== undefined && !existsSync(path)) problems.push(`${name}: no file at ${path}`);
  };
  caProblem('KAFKA_SSL_CA_FILE', parsed.KAFKA_SSL_CA_FILE);
  caProblem('MONGODB_TLS_CA_FILE', parsed.MONGODB_TLS_CA_FILE);
  const { LEDGER_TOPIC_REPLICATION_FACTOR: replicas, LEDGER_TOPIC_MIN_INSYNC_REPLICAS: inSync } = parsed;
  if (replicas !== undefined && inSync !== undefined && inSync > replicas) {
    problems.push('LEDGER_TOPIC_MIN_INSYNC_REPLICAS cannot exceed LEDGER_TOPIC_REPLICATION_FACTOR');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    kafka: {
      brokers: parsed.KAFKA_BROKERS.split(','),
      clientId: parsed.KAFKA_CLIENT_ID,
      eventsTopic: parsed.LEDGER_EVENTS_TOPIC,
      topicPartitions: parsed.LEDGER_TOPIC_PARTITIONS,
      projectorGroupId: parsed.PROJECTOR_GROUP_ID,
      projectorSessionTimeoutMs: parsed.PROJECTOR_SESSION_TIMEOUT_MS,
      replicationFactor: replicas,
      minInsyncReplicas: inSync,
      ssl:
        parsed.KAFKA_SSL_CA_FILE !== undefined
          ? { ca: readFileSync(parsed.KAFKA_SSL_CA_FILE, 'utf8') }
          : parsed.KAFKA_SSL === 'true',
      sasl:
        parsed.KAFKA_SASL_MECHANISM !== undefined
          ? {
              mechanism: parsed.KAFKA_SASL_MECHANISM,
              username: parsed.KAFKA_SASL_USERNAME!,
              password: parsed.KAFKA_SASL_PASSWORD!,
            }
          : undefined,
    },
    mongo: {
      uri: parsed.MONGODB_URI,
      database: parsed.MONGODB_DATABASE,
      timeoutMs: parsed.MONGODB_TIMEOUT_MS,
      tls: parsed.MONGODB_TLS === 'true' || parsed.MONGODB_TLS_CA_FILE !== undefined,
      tlsCAFile: parsed.MONGODB_TLS_CA_FILE,
    },
    http: { host: parsed.HTTP_HOST, port: parsed.HTTP_PORT },
    limits: {
      maxLagMs: parsed.LEDGER_MAX_LAG_MS,
      writeTimeoutMs: parsed.LEDGER_WRITE_TIMEOUT_MS,
      maxClockSkewMs: parsed.LEDGER_MAX_CLOCK_SKEW_MS,
    },
    batch: {
      strategy: parsed.LEDGER_BATCH_STRATEGY,
      upload: {
        maxLines: parsed.LEDGER_BATCH_MAX_LINES,
        maxBytes: parsed.LEDGER_BATCH_MAX_BYTES,
        idleTimeoutMs: parsed.LEDGER_BATCH_IDLE_TIMEOUT_MS,
        maxUploadMs: parsed.LEDGER_BATCH_MAX_UPLOAD_MS,
      },
    },
    rateLimit: { max: parsed.LEDGER_RATE_LIMIT_MAX, windowMs: parsed.LEDGER_RATE_LIMIT_WINDOW_MS },
    adminKey: parsed.LEDGER_ADMIN_KEY,
    signingKey:
      parsed.LEDGER_SIGNING_KEY !== undefined ? Buffer.from(parsed.LEDGER_SIGNING_KEY, 'base64') : undefined,
    masterKey:
      parsed.LEDGER_MASTER_KEY !== undefined ? Buffer.from(parsed.LEDGER_MASTER_KEY, 'base64') : undefined,
    retention: {
      intervalMs: parsed.LEDGER_RETENTION_INTERVAL_MS,
      idempotencyKeepDays: parsed.LEDGER_IDEMPOTENCY_KEEP_DAYS,
      metricsPort: parsed.LEDGER_RETENTION_METRICS_PORT,
    },
    proof: {
      checkpointIntervalMs: parsed.LEDGER_CHECKPOINT_INTERVAL_MS,
      decisionLog: {
        mode: parsed.LEDGER_DECISION_LOG,
        sampleRate: parsed.LEDGER_DECISION_LOG_SAMPLE_RATE,
        keepDays: parsed.LEDGER_DECISION_LOG_KEEP_DAYS,
      },
    },
    logLevel: parsed.LOG_LEVEL,
    logHashKey: parsed.LEDGER_LOG_HASH_KEY,
    logFile: parsed.LEDGER_LOG_FILE,
  };
}
