import { createInterface } from 'node:readline';
import { hashPassword } from '../admin/password-hash.js';
import { ChatbotError } from '../core/errors.js';
import { isAccountName } from '../store/console-records.js';
import { withStore } from './with-store.js';
import type { Command, CommandContext, TextOutput } from './command-context.js';
import { parseCommandArgs } from './parse-command-args.js';

const MIN_PASSWORD_LENGTH = 10;

/** The first line of stdin, as typed (without its line end). */
async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

/** Asks for a password on the terminal without echoing it. */
async function promptPassword(context: CommandContext, question: string): Promise<string> {
  const input = context.stdin as NodeJS.ReadStream;
  if (!input.isTTY) throw new ChatbotError('input-invalid', 'Không có bàn phím để nhập mật khẩu (no terminal): dùng --password-stdin, e.g. echo "$PASSWORD" | hoiphuong admin add lan --password-stdin');
  const output = context.stderr as TextOutput;
  output.write(question);
  let muted = true;
  const silent = new (await import('node:stream')).Writable({
    write(chunk, _encoding, done) {
      if (!muted) output.write(chunk);
      done();
    },
  });
  const lines = createInterface({ input, output: silent, terminal: true });
  const answer = await new Promise<string>((resolve) => lines.question('', resolve));
  muted = false;
  lines.close();
  output.write('\n');
  return answer;
}

/** The new password: from stdin's first line with --password-stdin, else asked twice on the terminal; checked for length. */
async function readNewPassword(context: CommandContext, fromStdin: boolean): Promise<string> {
  let password: string;
  if (fromStdin) {
    password = await firstLine(context.stdin);
  } else {
    password = await promptPassword(context, 'Mật khẩu (password): ');
    const again = await promptPassword(context, 'Nhập lại (again): ');
    if (again !== password) throw new ChatbotError('input-invalid', 'Hai lần nhập không khớp (the passwords differ); nothing was changed.');
  }
  password = password.normalize('NFC');
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new ChatbotError('input-invalid', `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự (the password needs at least ${MIN_PASSWORD_LENGTH} characters); nothing was changed.`);
  }
  return password;
}

/**
 * `hoiphuong admin add NAME [--password-stdin] | list | remove NAME | hash [--password-stdin]`: the staff console's
 * accounts. Passwords are kept only as scrypt hashes; each change is written to the audit log as made by the CLI.
 */
export const adminCommand: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs('admin', {
    args,
    allowPositionals: true,
    options: { 'password-stdin': { type: 'boolean', default: false } },
  });
  const [action, name, ...rest] = positionals;
  if (rest.length > 0) throw new ChatbotError('input-invalid', `Thừa tham số "${rest.join(' ')}" (one account name only) — xem / see: hoiphuong admin --help`);
  if (action === 'hash') {
    context.stdout.write(`${await hashPassword(await readNewPassword(context, values['password-stdin']))}\n`);
    return 0;
  }
  if (action !== 'add' && action !== 'list' && action !== 'remove') {
    throw new ChatbotError('input-invalid', `Hãy dùng: hoiphuong admin add NAME | list | remove NAME | hash (unknown action "${action ?? ''}")`);
  }
  if (action !== 'list' && (!name || !isAccountName(name))) {
    throw new ChatbotError('input-invalid', `Tên tài khoản "${name ?? ''}" không hợp lệ: 1–64 chữ, số, ".", "_" hoặc "-" (account name: letters, digits, . _ -).`);
  }
  // The password is asked for before the store opens, so a typo never holds a database connection open.
  const password = action === 'add' ? await readNewPassword(context, values['password-stdin']) : undefined;
  return withStore(undefined, context.config, async (store) => {
    if (action === 'list') {
      const accounts = await store.admin.accounts();
      if (accounts.length === 0) context.stdout.write('Chưa có tài khoản nào (no accounts). Add one: hoiphuong admin add NAME\n');
      for (const account of accounts) context.stdout.write(`${account.name}\t${account.createdAt}\n`);
      return 0;
    }
    if (action === 'remove') {
      if (!(await store.admin.removeAccount(name!))) throw new ChatbotError('input-invalid', `Không có tài khoản "${name}" (no such account).`);
      await store.admin.audit('cli', 'account.remove', name!);
      context.stdout.write(`Đã xóa tài khoản ${name} (removed).\n`);
      return 0;
    }
    const outcome = await store.admin.setAccount(name!, await hashPassword(password!));
    await store.admin.audit('cli', outcome === 'added' ? 'account.add' : 'account.password', name!);
    context.stdout.write(outcome === 'added' ? `Đã thêm tài khoản ${name} (added); log in at /admin.\n` : `Đã đổi mật khẩu của ${name} (password changed; its sessions ended).\n`);
    return 0;
  });
};
