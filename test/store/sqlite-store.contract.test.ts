import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { describeConsoleStore } from './describe-console-store.js';
import { describeStore, type StoreDatabase } from './describe-store.js';
import { temporaryFolder } from './store-test-kit.js';

const sqliteDatabase = async (): Promise<StoreDatabase> => {
  const { folder, cleanup } = temporaryFolder();
  const path = join(folder, 'store.sqlite');
  return {
    open: async (options) => SqliteStore.open({ path, pinMatchThreshold: 0.8, newSalt: () => 'test-salt', ...options }),
    dispose: async () => cleanup(),
  };
};
describeStore('SqliteStore', sqliteDatabase);
describeConsoleStore('SqliteStore', sqliteDatabase);
