import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';

/** A fact the domain announces after its transaction has committed. */
export abstract class DomainEvent {
  abstract readonly name: string;
}

/**
 * Publishes domain events after commit and waits for the listeners, so that (for example) cache
 * entries are gone before the response that caused the change is sent.
 */
@Injectable()
export class DomainEvents {
  constructor(private readonly emitter: EventEmitter2) {}

  /** Several events of one commit are emitted in order, and their listeners then run concurrently. */
  async publish(...events: DomainEvent[]): Promise<void> {
    await Promise.all(events.map((event) => this.emitter.emitAsync(event.name, event)));
  }
}
