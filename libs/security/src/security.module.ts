import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { AbuseDetector } from './abuse-detector.js';
import { BatchedCounters } from './batched-counters.js';
import { BlocklistCache } from './blocklist-cache.js';
import { BlocklistModule } from './blocklist.module.js';
import { CounterStore, MemoryCounterStore, RedisCounterStore } from './counter-store.js';

/** What the API needs to refuse abusive clients: the cached blocklist, counters, automatic blocking. */
@Module({
  imports: [BlocklistModule],
  providers: [
    {
      provide: CounterStore,
      inject: [AppConfig],
      useFactory: (config: AppConfig): CounterStore =>
        config.redis.url === null
          ? new MemoryCounterStore()
          : new RedisCounterStore(config.redis.url, `${config.redis.keyPrefix}:security`),
    },
    {
      provide: BatchedCounters,
      inject: [CounterStore],
      useFactory: (store: CounterStore) => new BatchedCounters(store),
    },
    BlocklistCache,
    AbuseDetector,
  ],
  exports: [BlocklistModule, BlocklistCache, AbuseDetector, CounterStore, BatchedCounters],
})
export class SecurityModule implements OnApplicationShutdown {
  constructor(
    @Inject(CounterStore) private readonly counters: CounterStore,
    @Inject(BatchedCounters) private readonly batchedCounters: BatchedCounters,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.batchedCounters.close();
    await this.counters.close();
  }
}
