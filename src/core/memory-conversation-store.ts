import type { ConversationState } from './conversation.js';
import type { ConversationStore } from './ports.js';

/**
 * Conversations in memory, for one process's lifetime (the CLI's batch dialogues, tests); the server keeps them in
 * the database so they survive a restart.
 */
export class MemoryConversationStore implements ConversationStore {
  private readonly entries = new Map<string, { state: string; expiresAt: number }>();

  constructor(
    private readonly ttlMilliseconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async load(id: string): Promise<ConversationState | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return JSON.parse(entry.state) as ConversationState;
  }

  async save(id: string, state: ConversationState): Promise<void> {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    this.entries.set(id, { state: JSON.stringify(state), expiresAt: now + this.ttlMilliseconds });
  }

  async clear(id: string): Promise<void> {
    this.entries.delete(id);
  }
}
