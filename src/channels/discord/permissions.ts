import { PermissionFlagsBits, type Interaction } from 'discord.js';

/** What a member may do in the channel of an interaction: their permission bits (overwrites applied) and roles. */
export interface MemberAccess {
  permissions: bigint;
  roleIds: readonly string[];
}

/**
 * Whether a member may pin or unpin answers: Pin Messages, Administrator, or one of the configured moderator roles.
 * Manage Messages alone is not enough: since February 2026 Discord requires Pin Messages to pin, so the bot asks the
 * same. Outside a server (no member) nobody may.
 */
export function canPin(member: MemberAccess | undefined, moderatorRoleIds: readonly string[]): boolean {
  if (!member) return false;
  if (hasAny(member.permissions, PermissionFlagsBits.PinMessages)) return true;
  return member.roleIds.some((roleId) => moderatorRoleIds.includes(roleId));
}

/** Whether a member may change the server's bot settings: Manage Server or Administrator. */
export function canManageSettings(member: MemberAccess | undefined): boolean {
  return member !== undefined && hasAny(member.permissions, PermissionFlagsBits.ManageGuild);
}

/** The permissions and roles of the member behind an interaction, or undefined in a direct message. */
export function memberAccess(interaction: Interaction): MemberAccess | undefined {
  const member = interaction.member;
  if (!member || !interaction.memberPermissions) return undefined;
  const roleIds = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return { permissions: interaction.memberPermissions.bitfield, roleIds };
}

function hasAny(permissions: bigint, wanted: bigint): boolean {
  return (permissions & (wanted | PermissionFlagsBits.Administrator)) !== 0n;
}
