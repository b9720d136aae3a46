import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { canManageSettings, canPin } from '../../../src/channels/discord/permissions.js';

const MODERATOR_ROLE = '555';
const member = (permissions: bigint, roleIds: string[] = []) => ({ permissions, roleIds });

describe('canPin', () => {
  it('lets a member with Pin Messages pin', () => {
    expect(canPin(member(PermissionFlagsBits.PinMessages), [])).toBe(true);
  });

  it('refuses a member with Manage Messages but not Pin Messages (Discord requires Pin Messages since February 2026)', () => {
    expect(canPin(member(PermissionFlagsBits.ManageMessages | PermissionFlagsBits.SendMessages), [])).toBe(false);
  });

  it('lets an administrator pin', () => {
    expect(canPin(member(PermissionFlagsBits.Administrator), [])).toBe(true);
  });

  it('lets a member with a configured moderator role pin without any permission', () => {
    expect(canPin(member(0n, ['1', MODERATOR_ROLE]), [MODERATOR_ROLE])).toBe(true);
  });

  it('refuses a plain member, even one who may send messages and manage nothing else', () => {
    expect(canPin(member(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel, ['1']), [MODERATOR_ROLE])).toBe(false);
  });

  it('refuses outside a server, where there is no member', () => {
    expect(canPin(undefined, [MODERATOR_ROLE])).toBe(false);
  });
});

describe('canManageSettings', () => {
  it('needs Manage Server (or Administrator)', () => {
    expect(canManageSettings(member(PermissionFlagsBits.ManageGuild))).toBe(true);
    expect(canManageSettings(member(PermissionFlagsBits.Administrator))).toBe(true);
    expect(canManageSettings(member(PermissionFlagsBits.ManageMessages | PermissionFlagsBits.PinMessages))).toBe(false);
    expect(canManageSettings(undefined)).toBe(false);
  });

  it('does not count a moderator role as Manage Server', () => {
    expect(canManageSettings(member(0n, [MODERATOR_ROLE]))).toBe(false);
  });
});
