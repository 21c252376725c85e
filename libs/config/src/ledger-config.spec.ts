import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_ADMIN_KEY, DEV_MASTER_KEY, ConfigError, loadConfig } from './ledger-config';

const minimal = { KAFKA_BROKERS: 'localhost:9092', MONGODB_URI: 'mongodb://localhost:27017' };

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(minimal)).toEqual({
      kafka: {
        brokers: ['localhost:9092'],
        clientId: 'consent-ledger',
        eventsTopic: 'ledger.events',
        topicPartitions: 6,
        projectorGroupId: 'ledger-projector',
        projectorSessionTimeoutMs: 30_000,
        replicationFactor: undefined,
        minInsyncReplicas: undefined,
        ssl: false,
        sasl: undefined,
      },
      mongo: {
        uri: 'mongodb://localhost:27017',
        database: 'consent_ledger',
        timeoutMs: 5000,
        tls: false,
        tlsCAFile: undefined,
      },
      http: { host: '127.0.0.1', port: 3000 },
      limits: { maxLagMs: 2000, writeTimeoutMs: 10_000, maxClockSkewMs: 60_000 },
      adminKey: undefined,
      masterKey: undefined,
      signingKey: undefined,
      retention: { intervalMs: 3_600_000, idempotencyKeepDays: 30, metricsPort: 9465 },
      proof: {
        checkpointIntervalMs: 60_000,
        decisionLog: { mode: 'all', sampleRate: 0.1, keepDays: 400 },
      },
      batch: {
        strategy: 'auto',
        upload: {
          maxLines: 2_000_000,
          maxBytes: 256 * 1024 ** 2,
          idleTimeoutMs: 30_000,
          maxUploadMs: 600_000,
        },
      },
      rateLimit: { max: 20_000, windowMs: 10_000 },
      logLevel: 'info',
      logHashKey: undefined,
      logFile: undefined,
    });
  });

  it('parses lists and numbers', () => {
    const config = loadConfig({
      ...minimal,
      KAFKA_BROKERS: 'a:1,b:2',
      LEDGER_TOPIC_PARTITIONS: '12',
      HTTP_PORT: '8080',
    });
    expect(config.kafka.brokers).toEqual(['a:1', 'b:2']);
    expect(config.kafka.topicPartitions).toBe(12);
    expect(config.http.port).toBe(8080);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ ...minimal, HTTP_PORT: '' }).http.port).toBe(3000);
  });

  it('reports every problem at once, naming the variables', () => {
    let error: unknown;
    try {
      loadConfig({ KAFKA_BROKERS: 'no-port', HTTP_PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['KAFKA_BROKERS', 'MONGODB_URI', 'HTTP_PORT', 'LOG_LEVEL']) {
      expect(message).toContain(name);
    }
  });

  it('reads the master key as 32 bytes; requires it where asked; the development one only on local servers', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    expect(loadConfig({ ...minimal, LEDGER_MASTER_KEY: key }).masterKey).toEqual(Buffer.alloc(32, 9));
    expect(() => loadConfig(minimal, { requireMasterKey: true })).toThrow(/LEDGER_MASTER_KEY is required/);
    expect(() => loadConfig({ ...minimal, LEDGER_MASTER_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes in base64/);
    expect(() => loadConfig({ ...minimal, LEDGER_MASTER_KEY: DEV_MASTER_KEY })).toThrow(
      /published development key/,
    );
    expect(
      loadConfig({ ...minimal, LEDGER_MASTER_KEY: DEV_MASTER_KEY, LEDGER_LOCAL_INFRA: '1' }).masterKey,
    ).toHaveLength(32);
  });

  it('refuses the published development key unless npm start runs the infrastructure itself', () => {
    expect(() => loadConfig({ ...minimal, LEDGER_ADMIN_KEY: DEV_ADMIN_KEY })).toThrow(
      /published development key/,
    );
    expect(
      loadConfig({ ...minimal, LEDGER_ADMIN_KEY: DEV_ADMIN_KEY, LEDGER_LOCAL_INFRA: '1' }).adminKey,
    ).toBe(DEV_ADMIN_KEY);
  });

  it('reads Kafka TLS and SASL, and Mongo TLS, from the environment', () => {
    const ca = join(mkdtempSync(join(tmpdir(), 'ca-')), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n');
    const config = loadConfig({
      ...minimal,
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: ca,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'ledger',
      KAFKA_SASL_PASSWORD: 'secret',
      MONGODB_TLS_CA_FILE: ca,
    });
    expect(config.kafka.ssl).toEqual({ ca: '-----BEGIN CERTIFICATE-----\n' });
    expect(config.kafka.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'ledger', password: 'secret' });
    expect(config.mongo).toMatchObject({ tls: true, tlsCAFile: ca });
    expect(() => loadConfig({ ...minimal, KAFKA_SASL_MECHANISM: 'plain' })).toThrow(/go together/);
    expect(() => loadConfig({ ...minimal, KAFKA_SSL_CA_FILE: '/nowhere/ca.pem' })).toThrow(/no file at/);
    expect(() =>
      loadConfig({ ...minimal, LEDGER_TOPIC_REPLICATION_FACTOR: '2', LEDGER_TOPIC_MIN_INSYNC_REPLICAS: '3' }),
    ).toThrow(/cannot exceed/);
  });

  it('requires a long enough admin key where asked', () => {
    expect(() => loadConfig(minimal, { requireAdminKey: true })).toThrow(/LEDGER_ADMIN_KEY is required/);
    expect(() => loadConfig({ ...minimal, LEDGER_ADMIN_KEY: 'short' })).toThrow(/at least 24/);
    expect(
      loadConfig({ ...minimal, LEDGER_ADMIN_KEY: 'x'.repeat(24) }, { requireAdminKey: true }).adminKey,
    ).toBe('x'.repeat(24));
  });
});
