import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations.js';
import { postgresMigrations } from '../../src/store/postgres/migrations.js';

describe('schema versions', () => {
  it('has a PostgreSQL step for every SQLite step, so a version number means the same schema in both', () => {
    expect(postgresMigrations).toHaveLength(migrations.length);
  });
});
