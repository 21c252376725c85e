import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ReadSideStatus } from '../read-side/read-side-status';
import { healthReport, type HealthReport } from './health-report';

/** Answers at once from the read-side poller's snapshot, whatever the broker or database does. */
@Controller('health')
export class HealthController {
  constructor(private readonly status: ReadSideStatus) {}

  @Get()
  health(@Res({ passthrough: true }) reply: FastifyReply): HealthReport {
    const report = healthReport(this.status.current(), Date.now());
    if (report.status !== 'ok') void reply.status(503).header('retry-after', '1');
    return report;
  }
}
