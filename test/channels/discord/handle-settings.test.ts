import { describe, expect, it } from 'vitest';
import { describeSettings, settingsChange } from '../../../src/channels/discord/handle-settings.js';

describe('settingsChange', () => {
  it('changes only the options given', () => {
    expect(settingsChange(null, null, null)).toEqual({});
    expect(settingsChange('phường Mẫu', null, null)).toEqual({ defaultPlace: 'phường Mẫu' });
  });

  it('reads channels from mentions or raw ids', () => {
    expect(settingsChange(null, null, '<#100000000000000001> 100000000000000002')).toEqual({ channelIds: ['100000000000000001', '100000000000000002'] });
  });

  it('clears with "-" and the automatic language', () => {
    expect(settingsChange('-', 'auto', '-')).toEqual({ defaultPlace: null, language: null, channelIds: null });
  });

  it('leaves the channels alone when the text names none, rather than opening every channel', () => {
    expect(settingsChange(null, 'en', 'kênh chung')).toEqual({ language: 'en' });
  });
});

describe('describeSettings', () => {
  it('names the deployment defaults where the server set nothing', () => {
    expect(describeSettings({ channelIds: [] }, 'phường Mặc Định', ['9'], 'vi')).toBe(
      'Cài đặt của máy chủ:\n• Địa phương mặc định: phường Mặc Định\n• Ngôn ngữ trả lời: theo ngôn ngữ câu hỏi\n• Kênh bot trả lời: <#9>',
    );
  });

  it('shows the server\'s own values in English for an English user', () => {
    expect(describeSettings({ defaultPlace: 'xã Mẫu', language: 'vi', channelIds: [] }, undefined, [], 'en')).toBe(
      "This server's settings:\n• Default place: xã Mẫu\n• Answer language: Tiếng Việt\n• Channels: every channel",
    );
  });
});
