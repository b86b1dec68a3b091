import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AppConfig, DatabaseLocation, type ListenerEvents, PostgresListener } from '@app/core';
import { UserAccessChangedEvent, type UserAuthState, UserDeletedEvent, UsersRepository } from '@app/users';

/** Where PostgreSQL announces changed token versions, admin flags and deleted users (a trigger on users). */
export const USER_ACCESS_CHANNEL = 'user_access_changed';
const EVERY_USER = '*';
/** Users whose state one process keeps; past it the oldest entry makes room. */
const MAX_ENTRIES = 50_000;

interface Entry {
  state: UserAuthState;
  expiresAt: number;
}

/**
 * What an access token is checked against (the user's token version and admin flag), kept in memory
 * for `AUTH_STATE_CACHE_MS` so an authenticated request usually costs no query. It stays exact:
 * - every change is announced by PostgreSQL at commit (a trigger, so the CLI and plain SQL count) to
 *   every API process, which drops the user's entry on arrival;
 * - the process that made the change drops it before answering (the domain event), so its own next
 *   request never sees the old state;
 * - a read that raced with a change is not kept (the generation moved on meanwhile);
 * - while the announcements cannot be heard (no connection yet, lost, reconnecting) nothing is kept
 *   and every request reads the database; a new connection starts from an empty cache.
 * See README.md, "Accounts and tokens".
 */
@Injectable()
export class AuthStateCache implements ListenerEvents, OnModuleInit, OnApplicationShutdown {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private listener: PostgresListener | null = null;
  private isListening = false;
  /** Moves on with every forgotten entry: a database read that started before it is not kept. */
  private generation = 0;

  constructor(
    private readonly users: UsersRepository,
    private readonly location: DatabaseLocation,
    config: AppConfig,
  ) {
    this.ttlMs = config.auth.stateCacheMs;
  }

  onModuleInit(): void {
    if (this.ttlMs === 0) return;
    this.listener = new PostgresListener(this.location.listenUrl, USER_ACCESS_CHANNEL, this);
    this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  /** The user's current token version and admin flag, or null when there is no such user. */
  async find(userId: string): Promise<UserAuthState | null> {
    const entry = this.entries.get(userId);
    if (entry !== undefined && entry.expiresAt > Date.now()) return entry.state;
    const generation = this.generation;
    const state = await this.users.findAuthState(userId);
    if (state !== null && this.isListening && generation === this.generation) this.keep(userId, state);
    return state;
  }

  listening(): void {
    this.forgetAll();
    this.isListening = true;
  }

  lost(): void {
    this.isListening = false;
    this.forgetAll();
  }

  notified(payload: string): void {
    if (payload === EVERY_USER) this.forgetAll();
    else this.forget(payload);
  }

  @OnEvent(UserAccessChangedEvent.eventName)
  onUserAccessChanged(event: UserAccessChangedEvent): void {
    this.forget(event.userId);
  }

  @OnEvent(UserDeletedEvent.eventName)
  onUserDeleted(event: UserDeletedEvent): void {
    this.forget(event.userId);
  }

  private keep(userId: string, state: UserAuthState): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(userId, { state, expiresAt: Date.now() + this.ttlMs });
  }

  private forget(userId: string): void {
    this.generation += 1;
    this.entries.delete(userId);
  }

  private forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
