import { openStore } from '../store/open-store.js';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';

/** Opens a store for a command; by default the one the settings name (DATABASE_URL, else DATABASE_PATH). */
export type StoreOpener = (config: Readonly<Config>) => Store | Promise<Store>;

/** The store the settings name. */
export const defaultStoreOpener: StoreOpener = (config) => openStore(config);

/** Opens the store, runs `work` with it and closes it, also when `work` fails. */
export async function withStore<T>(open: StoreOpener | undefined, config: Readonly<Config>, work: (store: Store) => T | Promise<T>): Promise<T> {
  const store = await (open ?? defaultStoreOpener)(config);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
