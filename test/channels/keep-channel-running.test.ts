import { describe, expect, it } from 'vitest';
import { keepChannelRunning } from '../../src/channels/keep-channel-running.js';
import { ChatbotError, ConfigError } from '../../src/core/errors.js';

describe('keepChannelRunning', () => {
  it('retries a failing start with doubling waits, logs each distinct reason once, and reports its state', async () => {
    const log: string[] = [];
    const waits: number[] = [];
    let attempts = 0;
    let stopped = 0;
    const channel = keepChannelRunning({
      name: 'discord',
      log: (line) => log.push(line),
      sleep: async (milliseconds) => void waits.push(milliseconds),
      start: async () => {
        attempts += 1;
        if (attempts <= 3) throw new ChatbotError('upstream-failed', 'Could not log in to Discord: connect ECONNREFUSED.');
        return { stop: async () => void (stopped += 1) };
      },
    });
    expect(channel.state()).toMatch(/^(starting|retrying: Could not log in)/);
    await channel.started();
    expect(channel.state()).toBe('on');
    expect(waits).toEqual([5_000, 10_000, 20_000]);
    expect(log.filter((line) => line.includes('not started'))).toHaveLength(1);
    expect(log.at(-1)).toBe('[discord] started after 3 failed attempts');
    await channel.stop();
    expect(stopped).toBe(1);
    expect(channel.state()).toBe('stopped');
  });

  it('waits the longest after a configuration error and stops retrying when stopped', async () => {
    const waits: number[] = [];
    const channel = keepChannelRunning({
      name: 'discord',
      log: () => {},
      sleep: async (milliseconds) => void waits.push(milliseconds),
      start: async () => {
        throw new ConfigError('Discord refused DISCORD_TOKEN.');
      },
    });
    await channel.stop();
    expect(waits).toEqual([300_000]);
    expect(channel.state()).toBe('stopped');
  });
});
