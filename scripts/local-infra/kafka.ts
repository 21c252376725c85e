import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startGuarded, waitUntilReady, type ManagedProcess } from './managed-process';
import { kafkaVersionOf, provisionKafka, REPO_ROOT } from './provision';

export interface LocalKafka {
  brokers: string;
  version: string;
  process: ManagedProcess;
  ports: { port: number; controllerPort: number };
}

/** Kafka's own cluster ids are 16 random bytes in URL-safe base64; a leading '-' reads as a flag. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverProperties(dataDir: string, port: number, controllerPort: number): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${join(dataDir, 'log')}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Topics are created by the ledger with explicit settings, never by a typo'd producer.
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

/** Formats (once per data dir) and starts a single-node KRaft broker on free loopback ports. */
export async function startKafka(
  workDir: string,
  options: { ports?: { port: number; controllerPort: number } } = {},
): Promise<LocalKafka> {
  const libs = provisionKafka();
  mkdirSync(workDir, { recursive: true });
  // Fault tests restart a killed broker on its own ports and data, as an operator would.
  const { port, controllerPort } = options.ports ?? {
    port: await freePort(),
    controllerPort: await freePort(),
  };
  const propertiesFile = join(workDir, 'server.properties');
  writeFileSync(propertiesFile, serverProperties(workDir, port, controllerPort));
  const javaArgs = [
    '-Xms256m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    `-Dlog4j2.configurationFile=${join(REPO_ROOT, 'infra', 'kafka', 'log4j2.properties')}`,
    '-cp',
    `${libs}/*`,
  ];
  if (!existsSync(join(workDir, 'log', 'meta.properties'))) {
    execFileSync(
      'java',
      [...javaArgs, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', propertiesFile],
      { stdio: 'ignore' },
    );
  }
  const proc = startGuarded('kafka', 'java', [...javaArgs, 'kafka.Kafka', propertiesFile], {
    logFile: join(workDir, 'kafka.log'),
  });
  await waitUntilReady(proc, { port, logLine: 'Kafka Server started', timeoutMs: 90_000 });
  return {
    brokers: `127.0.0.1:${port}`,
    version: kafkaVersionOf(libs),
    process: proc,
    ports: { port, controllerPort },
  };
}
