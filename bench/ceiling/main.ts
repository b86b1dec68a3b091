import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CeilingController, CEILING_KEY } from './ceiling.controller.js';
import { CEILING_REDIS, connectCeilingRedis } from './ceiling-redis.js';

/** Started by bench/run.mjs with DATABASE_URL, REDIS_URL and PORT. */
async function main(): Promise<void> {
  const redis = await connectCeilingRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

  @Module({
    imports: [TypeOrmModule.forRoot({ type: 'postgres', url: process.env.DATABASE_URL, extra: { max: 10 } })],
    controllers: [CeilingController],
    providers: [{ provide: CEILING_REDIS, useValue: redis }],
  })
  class CeilingModule {}

  const app = await NestFactory.create<NestFastifyApplication>(CeilingModule, new FastifyAdapter(), {
    logger: ['error'],
  });
  const sample: unknown = await app.get(CeilingController).fromSelect('1');
  await redis.set(CEILING_KEY, JSON.stringify(sample));
  await app.listen(Number(process.env.PORT ?? 3999), '127.0.0.1');
  console.log('ceiling ready');
}

void main();
