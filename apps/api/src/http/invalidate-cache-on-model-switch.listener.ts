import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CacheVersions, DatabaseLocation, type ListenerEvents, PostgresListener } from '@app/core';
import { RECOMMENDER_MODEL_CHANNEL, RecommenderModelChangedEvent } from '@app/recommendations';

/**
 * A new current recommender model makes every cached recommendation and similar-movies list stale:
 * they are dropped (a new public version) when this process switched the model (the domain event,
 * before the trainer returns) and when another one did (PostgreSQL's notification at commit, whoever
 * trained: the CLI, a worker). A notification sent while this process's listening connection was
 * down is missed: its entries then live out their TTL, like any ranking (SPEC.md section 6). Dropping
 * everything on each reconnection was tried and flushed the public cache on every connection blip.
 */
@Injectable()
export class InvalidateCacheOnModelSwitch implements ListenerEvents, OnModuleInit, OnApplicationShutdown {
  private listener: PostgresListener | null = null;

  constructor(
    private readonly versions: CacheVersions,
    private readonly location: DatabaseLocation,
  ) {}

  onModuleInit(): void {
    this.listener = new PostgresListener(this.location.url, RECOMMENDER_MODEL_CHANNEL, this, 'mra-model-listener');
    this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  listening(): void {}

  lost(): void {}

  notified(): void {
    void this.versions.invalidatePublic();
  }

  @OnEvent(RecommenderModelChangedEvent.eventName)
  async onModelChanged(): Promise<void> {
    await this.versions.invalidatePublic();
  }
}
