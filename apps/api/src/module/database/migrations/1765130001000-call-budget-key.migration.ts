import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cin7 limits calls per account and API key, not per supplier: the call log is keyed by a hash of both (never the
 * key itself), a call holds its slot until a minute after its answer, and a throttle pauses everyone on the key.
 */
export class CallBudgetKey1765130001000 implements MigrationInterface {
  name = 'CallBudgetKey1765130001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cin7_call_log ADD COLUMN budget_key text, ADD COLUMN answered_at timestamptz');
    await q.query('CREATE INDEX cin7_call_log_budget_called ON cin7_call_log (budget_key, called_at)');
    await q.query('CREATE TABLE cin7_call_budget (budget_key text PRIMARY KEY, paused_until timestamptz)');
    // Taking a slot is one statement, run whole by the server: the per-key lock is never held while a client
    // process is between two statements (a frozen replica would otherwise hold every replica's budget).
    await q.query(`CREATE FUNCTION cin7_take_call_slot(
        p_key text, p_connection uuid, p_priority text, p_allowed int, p_window_s float8, p_in_flight_s float8,
        OUT slot bigint, OUT wait_ms float8)
      LANGUAGE plpgsql AS $fn$
      DECLARE
        v_paused float8;
        v_held int;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('cin7-budget'), hashtext(p_key));
        SELECT EXTRACT(EPOCH FROM (paused_until - now())) * 1000 INTO v_paused
          FROM cin7_call_budget WHERE budget_key = p_key;
        IF v_paused > 0 THEN
          wait_ms := v_paused;
          RETURN;
        END IF;
        DELETE FROM cin7_call_log
         WHERE budget_key = p_key
           AND (answered_at < now() - make_interval(secs => p_window_s)
                OR (answered_at IS NULL AND called_at < now() - make_interval(secs => p_in_flight_s)));
        SELECT count(*) INTO v_held FROM cin7_call_log WHERE budget_key = p_key;
        IF v_held < p_allowed THEN
          INSERT INTO cin7_call_log (connection_id, budget_key, called_at, priority)
            VALUES (p_connection, p_key, now(), p_priority) RETURNING id INTO slot;
          RETURN;
        END IF;
        -- The slot needed frees when the call (held - allowed) places from the earliest-freeing one does; a call
        -- still without an answer frees a window after its answer, so at least a window from now.
        SELECT EXTRACT(EPOCH FROM (answered_at + make_interval(secs => p_window_s) - now())) * 1000 INTO wait_ms
          FROM cin7_call_log WHERE budget_key = p_key
         ORDER BY answered_at NULLS LAST OFFSET (v_held - p_allowed) LIMIT 1;
        wait_ms := GREATEST(1, COALESCE(wait_ms, p_window_s * 1000));
      END $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION cin7_take_call_slot');
    await q.query('DROP TABLE cin7_call_budget');
    await q.query('DROP INDEX cin7_call_log_budget_called');
    await q.query('ALTER TABLE cin7_call_log DROP COLUMN budget_key, DROP COLUMN answered_at');
  }
}
