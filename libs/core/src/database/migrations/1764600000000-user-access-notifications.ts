import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces on the channel `user_access_changed` (LISTEN/NOTIFY, sent at commit) every change that
 * retires a user's tokens or changes their rights: a new token version, a new admin flag, a deleted
 * user (payload: the user id), or a truncated table (payload `*`). API processes keep token versions
 * in memory and drop them on these notifications, whoever made the change: another API process, the
 * CLI or an operator's SQL.
 */
export class UserAccessNotifications1764600000000 implements MigrationInterface {
  name = 'UserAccessNotifications1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_user_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('user_access_changed', CASE WHEN TG_OP = 'TRUNCATE' THEN '*' ELSE OLD.id::text END);
        RETURN NULL;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER users_access_changed AFTER UPDATE OF token_version, is_admin ON users FOR EACH ROW
      WHEN (OLD.token_version IS DISTINCT FROM NEW.token_version OR OLD.is_admin IS DISTINCT FROM NEW.is_admin)
      EXECUTE FUNCTION notify_user_access_changed()`);
    await db.query(`
      CREATE TRIGGER users_deleted AFTER DELETE ON users FOR EACH ROW
      EXECUTE FUNCTION notify_user_access_changed()`);
    await db.query(`
      CREATE TRIGGER users_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT
      EXECUTE FUNCTION notify_user_access_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER users_truncated ON users`);
    await db.query(`DROP TRIGGER users_deleted ON users`);
    await db.query(`DROP TRIGGER users_access_changed ON users`);
    await db.query(`DROP FUNCTION notify_user_access_changed()`);
  }
}
