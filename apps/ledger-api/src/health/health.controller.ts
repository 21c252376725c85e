import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Kafka } from 'kafkajs';
import { checkKafka, type KafkaStatus } from '@ledger/kafka';
import { checkMongo, type MongoConnection, type MongoStatus } from '@ledger/mongo';
import { Public } from '../auth/scopes';
import { KAFKA, MONGO } from '../tokens';

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: { kafka: KafkaStatus; mongo: MongoStatus };
}

/** 200 when both dependencies answer, 503 otherwise; each named so an operator sees which. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MONGO) private readonly mongo: MongoConnection,
  ) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const [kafka, mongo] = await Promise.all([checkKafka(this.kafka), checkMongo(this.mongo.db)]);
    const ok = kafka.status === 'up' && mongo.status === 'up';
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', checks: { kafka, mongo } };
  }
}
