import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { recommendationsWithoutHttp } from './recommendations-without-http.js';
import { CeilingController, CEILING_KEY } from './ceiling.controller.js';
import { CEILING_REDIS, connectCeilingRedis } from './ceiling-redis.js';

/** Started by bench/run.mjs with DATABASE_URL, REDIS_URL and PORT (read here and by AppConfig). */
async function main(): Promise<void> {
  const redis = await connectCeilingRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

  @Module({
    imports: recommendationsWithoutHttp(),
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
