/**
 * The schema, as ordered steps: step `n` (1-based) takes a database from `user_version` n-1 to n. Never edit a step
 * that has shipped; append a new one, and the PostgreSQL step of the same number to `postgres/migrations.ts`. Steps may call `question_key(text)`, which `openDatabase` registers.
 */
export const migrations: readonly string[] = [
  // 1: pins, the answer log and settings.
  `
  CREATE TABLE pins (
    id TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    normalized_question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL DEFAULT '[]',
    pinned_by TEXT NOT NULL,
    channel TEXT NOT NULL,
    channel_ref TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX pins_by_question ON pins (normalized_question);
  CREATE TABLE answers (
    id TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    normalized_question TEXT NOT NULL,
    answer TEXT NOT NULL,
    answered INTEGER NOT NULL,
    reason TEXT,
    mode TEXT NOT NULL,
    citations TEXT NOT NULL DEFAULT '[]',
    channel TEXT NOT NULL,
    user_key TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE settings (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (scope, key)
  );
  `,
  // 2: pin alternatives, review dates and hits; feedback; token pairs; question keys that ignore chat fillers.
  `
  ALTER TABLE pins ADD COLUMN alternatives TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE pins ADD COLUMN review_by TEXT;
  ALTER TABLE pins ADD COLUMN hits INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE answers ADD COLUMN language TEXT;
  ALTER TABLE answers ADD COLUMN pin_id TEXT;
  UPDATE pins SET normalized_question = question_key(question);
  UPDATE answers SET normalized_question = question_key(question);
  CREATE INDEX answers_unanswered ON answers (answered, normalized_question);
  CREATE TABLE feedback (
    answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    user_key TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    comment TEXT,
    channel TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (answer_id, user_key)
  );
  CREATE TABLE tokens (
    name TEXT PRIMARY KEY,
    access_token TEXT NOT NULL,
    refresh_token TEXT NOT NULL,
    expires_at TEXT,
    updated_at TEXT NOT NULL
  );
  `,
  // 3: conversations (recent turns of a chat, deleted once expired).
  `
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX conversations_by_expiry ON conversations (expires_at);
  `,
  // 4: platform events already handled, so a redelivery after a restart is not answered twice.
  `
  CREATE TABLE seen_events (
    key TEXT PRIMARY KEY,
    seen_at TEXT NOT NULL
  );
  CREATE INDEX seen_events_by_time ON seen_events (seen_at);
  `,
  // 5: answers found by age, so the retention pruning (ANSWER_LOG_DAYS) deletes old rows without scanning the log.
  `
  CREATE INDEX answers_by_time ON answers (created_at);
  `,
  // 6: sources staff point the bot at (feeds, sitemaps, listing pages, articles) and the pages fetched from them.
  `
  CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL UNIQUE,
    place TEXT,
    every_minutes INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_sync_at TEXT,
    last_error TEXT,
    article_count INTEGER NOT NULL DEFAULT 0,
    no_place_count INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS source_pages (
    url TEXT PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    file TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    listed_date TEXT,
    text_hash TEXT NOT NULL,
    has_place INTEGER NOT NULL,
    fetched_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS source_pages_by_source ON source_pages (source_id);
  CREATE INDEX IF NOT EXISTS source_pages_by_text ON source_pages (text_hash);
  `,
  // 7: the staff console: accounts, sessions, failed logins, the audit log, facts marked wrong; the ward an answer was about.
  `
  CREATE TABLE admin_accounts (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE admin_sessions (
    token_hash TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX admin_sessions_by_expiry ON admin_sessions (expires_at);
  CREATE TABLE admin_login_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    first_failure_at TEXT NOT NULL,
    locked_until TEXT
  );
  CREATE TABLE admin_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX admin_audit_by_time ON admin_audit (at);
  CREATE TABLE fact_flags (
    fact_key TEXT PRIMARY KEY,
    place TEXT NOT NULL,
    summary TEXT NOT NULL,
    flagged_by TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    flagged_at TEXT NOT NULL
  );
  ALTER TABLE answers ADD COLUMN place TEXT;
  `,
  // 8: a near-duplicate signature of each fetched page's text (MinHash of word shingles and its numbers), so the same
  // news syndicated on two sites with small differences is kept once.
  `
  ALTER TABLE source_pages ADD COLUMN text_signature TEXT;
  `,
  // 9: rate limits replicas count together, and a counter of pin changes for replicas' caches. SQLite serves one
  // machine, whose processes limit in memory and see pin changes through PRAGMA data_version, so both stay unused here.
  `
  CREATE TABLE pin_changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
  );
  INSERT INTO pin_changes (id, version) VALUES (1, 0);
  CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    times TEXT NOT NULL,
    allowed INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  // 10: index versions published for replicas. SQLite serves one machine, whose processes share INDEX_DIR itself, so
  // these stay unused here; they exist so a version number means the same schema in both stores.
  `
  CREATE TABLE index_publications (
    id INTEGER PRIMARY KEY,
    published_at TEXT NOT NULL,
    files TEXT NOT NULL
  );
  CREATE TABLE index_parts (
    checksum TEXT PRIMARY KEY,
    bytes BLOB NOT NULL
  );
  CREATE TABLE index_publication_parts (
    publication_id INTEGER NOT NULL REFERENCES index_publications (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    part TEXT NOT NULL,
    PRIMARY KEY (publication_id, name, ordinal)
  );
  CREATE INDEX index_publication_parts_by_part ON index_publication_parts (part);
  `,
];

/** The schema version this code writes; a file with a higher `user_version` comes from a newer Hỏi Phường. */
export const LATEST_SCHEMA_VERSION = migrations.length;
