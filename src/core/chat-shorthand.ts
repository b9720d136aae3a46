import { foldDiacritics, foldedKey, hasDiacritics, nfc } from '../ingest/normalize-vietnamese.js';

/**
 * Residents type civic questions the way they chat: "ct ubnd p. Tân Mai là ai", "đh đảng bộ x. Yên Hòa có bn đv",
 * "ad ơi cho e hỏi …". Articles never use these short forms, so every later step (place detection, content matching,
 * retrieval) reads the question only after they are written out and the chat greetings around it are gone.
 */

/**
 * Civic abbreviations and chat shorthand, keyed by the folded short form. Only forms that mean one thing in a question
 * to a ward belong here: "hs" (hồ sơ / học sinh) does not.
 */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  // Offices and bodies.
  ct: 'chủ tịch',
  pct: 'phó chủ tịch',
  cht: 'chủ tịch',
  bt: 'bí thư',
  pbt: 'phó bí thư',
  btv: 'ban thường vụ',
  bch: 'ban chấp hành',
  ubkt: 'ủy ban kiểm tra',
  mttq: 'Mặt trận Tổ quốc',
  tw: 'trung ương',
  đu: 'đảng ủy',
  dh: 'đại hội',
  đh: 'đại hội',
  dhdb: 'đại hội đảng bộ',
  đhđb: 'đại hội đảng bộ',
  đb: 'đại biểu',
  db: 'đại biểu',
  đv: 'đảng viên',
  dv: 'đảng viên',
  nk: 'nhiệm kỳ',
  qđ: 'quyết định',
  qd: 'quyết định',
  nq: 'nghị quyết',
  cb: 'cán bộ',
  cbcc: 'cán bộ, công chức',
  // Services and figures.
  tthcc: 'trung tâm hành chính công',
  ttpvhcc: 'trung tâm phục vụ hành chính công',
  hcc: 'hành chính công',
  tthc: 'thủ tục hành chính',
  ns: 'ngân sách',
  nsnn: 'ngân sách nhà nước',
  ktxh: 'kinh tế - xã hội',
  vhxh: 'văn hóa - xã hội',
  sxh: 'sốt xuất huyết',
  cccd: 'căn cước công dân',
  cmnd: 'chứng minh nhân dân',
  cmt: 'chứng minh nhân dân',
  ntm: 'nông thôn mới',
  sp: 'sản phẩm',
  pk: 'phòng khám',
  bv: 'bệnh viện',
  sk: 'sức khỏe',
  bq: 'bình quân',
  bhyt: 'bảo hiểm y tế',
  bhxh: 'bảo hiểm xã hội',
  tyt: 'trạm y tế',
  ttyt: 'trung tâm y tế',
  tdp: 'tổ dân phố',
  kp: 'khu phố',
  gpmb: 'giải phóng mặt bằng',
  xdcb: 'xây dựng cơ bản',
  sđt: 'số điện thoại',
  sdt: 'số điện thoại',
  đt: 'điện thoại',
  dk: 'đăng ký',
  đk: 'đăng ký',
  ks: 'khai sinh',
  dt: 'diện tích',
  ds: 'danh sách',
  // Chat shorthand.
  bn: 'bao nhiêu',
  bnh: 'bao nhiêu',
  bnhiu: 'bao nhiêu',
  bnhieu: 'bao nhiêu',
  nhiu: 'nhiêu',
  ko: 'không',
  k: 'không',
  kh: 'không',
  hok: 'không',
  khum: 'không',
  kg: 'không',
  // Typing slips of the question's last word.
  khôg: 'không',
  khog: 'không',
  khoong: 'không',
  khôngg: 'không',
  hôk: 'không',
  đc: 'được',
  dc: 'được',
  vs: 'với',
  r: 'rồi',
  z: 'vậy',
  zậy: 'vậy',
  v: 'vậy',
  j: 'gì',
  e: 'em',
  mn: 'mọi người',
  mng: 'mọi người',
  ntn: 'như thế nào',
  trc: 'trước',
  bh: 'bây giờ',
  bgio: 'bây giờ',
  bjo: 'bây giờ',
  hnay: 'hôm nay',
  hqua: 'hôm qua',
  ng: 'người',
  ngta: 'người ta',
  lm: 'làm',
  ms: 'mới',
  cx: 'cũng',
  nx: 'nữa',
  thui: 'thôi',
  mí: 'mấy',
  ak: 'à',
  ah: 'à',
  dzậy: 'vậy',
};

/** Words after which "kh" means "kế hoạch" ("thu vượt kh", "đạt 105% kh"). */
const PLAN_VERBS = /(?:vượt|vuot|đạt|dat|hoàn thành|hoan thanh|so với|so voi|theo|%)\s*(?:\d+[,.]?\d*\s*%?\s*)?$/iu;

/** Short forms written with a hyphen or slash between their letters ("kt-xh", "vh-xh"). */
const JOINED_SHORT_FORMS: Readonly<Record<string, string>> = {
  'kt-xh': 'kinh tế - xã hội',
  'kt - xh': 'kinh tế - xã hội',
  'vh-xh': 'văn hóa - xã hội',
  'vh - xh': 'văn hóa - xã hội',
  'an-qp': 'an ninh - quốc phòng',
  'qp-an': 'quốc phòng - an ninh',
  // "tu" alone is "từ"/"tư" typed without marks; after a standing committee it is the province's Party committee.
  'btv tu': 'ban thường vụ tỉnh ủy',
  'bch tu': 'ban chấp hành tỉnh ủy',
  'ubkt tu': 'ủy ban kiểm tra tỉnh ủy',
};

/**
 * Unit words shortened to a letter and a dot, as in "p. Tân Mai", "x.Yên Hòa", "tp.hcm". "Q." and "H." are left alone:
 * districts are gone since 2025, and "Q.Ngãi", "H.Giang" shorten provinces.
 */
const UNIT_INITIALS: Readonly<Record<string, string>> = {
  p: 'phường',
  x: 'xã',
  tx: 'thị xã',
  tt: 'thị trấn',
  // "tp.hcm": the city's own prefix, which the place resolver reads and the content matching ignores.
  tp: 'TP',
};

/** Greetings and chat particles that carry no content: dropped whole. */
const FILLER_PHRASES = [
  'ad ơi', 'admin ơi', 'ad à', 'bot ơi', 'mn ơi', 'mng ơi', 'mọi người ơi', 'bạn ơi', 'anh chị ơi', 'ơi',
  'cho em hỏi', 'cho e hỏi', 'cho mình hỏi', 'cho tôi hỏi', 'cho cháu hỏi', 'cho t hỏi', 'cho mk hỏi', 'em hỏi',
  'e hỏi', 'mình hỏi', 'hỏi chút', 'hỏi xíu', 'hỏi tí', 'cho hỏi', 'ai biết không', 'ai biết ko', 'ai biết k',
  'với ạ', 'ạ', 'nhé', 'nha', 'nhỉ', 'vậy ad', 'z ad', 'ad', 'admin',
].map((phrase) => phrase.split(' ').map(foldedKey));

/** Where a short form may stand: a run of letters (with marks) and optional inner dots, hyphens or slashes. */
const WORD = /(?<![\p{L}\p{M}\d])[\p{L}\p{M}]+(?:[-/][\p{L}\p{M}]+)*(?![\p{L}\p{M}\d])/gu;

/**
 * Writes out civic abbreviations and chat shorthand and drops chat greetings, keeping every other character as typed
 * (names, numbers, punctuation). Upper-case short forms are left alone when they could be a province's initials
 * ("(CT)" is Cần Thơ, "ct ubnd" is chủ tịch): the place resolver reads those.
 */
export function expandShorthand(rawText: string): string {
  let text = nfc(rawText);
  // A question typed without any mark stays so: later steps read such a question tone-blind as a whole.
  const write = hasDiacritics(text) ? (long: string) => long : (long: string) => foldDiacritics(long);
  for (const [short, long] of Object.entries(JOINED_SHORT_FORMS)) {
    text = text.replace(new RegExp(`(?<![\\p{L}\\p{M}])${escapeRegExp(short)}(?![\\p{L}\\p{M}])`, 'giu'), write(long));
  }
  // "p. Tân Mai", "x.Yên Hòa", "tp.hcm": a unit letter and a dot before a name.
  text = text.replace(/(?<![\p{L}\p{M}.])(tp|tx|tt|p|x)\.\s*(?=[\p{L}\d])/giu, (_, unit: string) => `${write(UNIT_INITIALS[unit.toLowerCase()] ?? unit)} `);
  // "p Tân Mai", "x hòa phú": a lone unit letter before a name (not after a number: "2 x 3").
  text = text.replace(/(?<!\d\s?)(?<![\p{L}\p{M}.])([pPxX])\s+(?=\p{L})/gu, (_, unit: string) => `${write(UNIT_INITIALS[unit.toLowerCase()] ?? unit)} `);
  text = text.replace(WORD, (word, offset: number, whole: string) => {
    const key = word.toLowerCase();
    const long = SHORT_FORMS[key] ?? SHORT_FORMS[foldedKey(word)];
    if (!long) return word;
    // A capitalised two-letter form may be a province's initials or a name ("CT", "Tu"): written out only in lower
    // case. Longer capitals ("CCCD", "BHYT", "TTHCC") are the abbreviations themselves.
    // A phone capitalises the first word ("Đh Đảng bộ …", "Ct ubnd …"): that is still the short form.
    const firstWord = word === `${word[0]?.toUpperCase() ?? ''}${key.slice(1)}` && /^[\s"'“(]*$/u.test(whole.slice(0, offset));
    if (word !== key && !firstWord && !(word === word.toUpperCase() && key.length >= 3)) return word;
    // "x" and "p" alone are handled above; "v" after a digit is a roman numeral or a unit.
    if (key === 'v' && /\d\s*$/u.test(whole.slice(0, offset))) return word;
    // "vượt kh", "đạt kh": after reaching or passing, "kh" is the plan, not "không".
    if (key === 'kh' && PLAN_VERBS.test(whole.slice(0, offset))) return write('kế hoạch');
    return write(long);
  });
  return dropFillers(text).replace(/\s+/gu, ' ').trim();
}

/** Removes greeting phrases and particles, matched whole-word and diacritic-insensitively. */
function dropFillers(text: string): string {
  const words = [...text.matchAll(/[\p{L}\p{M}]+/gu)].map((match) => ({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length, key: foldedKey(match[0]), raw: match[0] }));
  const drop: Array<{ start: number; end: number }> = [];
  for (let index = 0; index < words.length; index++) {
    for (const phrase of FILLER_PHRASES) {
      if (index + phrase.length > words.length) continue;
      if (!phrase.every((key, offset) => words[index + offset]?.key === key)) continue;
      const first = words[index]!;
      const last = words[index + phrase.length - 1]!;
      // Only lower-case words are chat particles; "Nha Trang" and "A Lưới" are names.
      if (words.slice(index, index + phrase.length).some((word) => word.raw !== word.raw.toLowerCase())) continue;
      // "nha", "nhé" and "ạ" end a sentence; "ơi" follows whom it calls. In the middle of a question they may be words.
      if (phrase.length === 1 && !['ạ', 'ơi'].includes(first.raw) && !atClauseEnd(text, last.end)) continue;
      drop.push({ start: first.start, end: last.end });
      index += phrase.length - 1;
      break;
    }
  }
  let result = '';
  let at = 0;
  for (const span of drop) {
    result += `${text.slice(at, span.start)} `;
    at = span.end;
  }
  result += text.slice(at);
  // A comma or space left hanging at the start by a dropped greeting ("ad ơi, …").
  return result.replace(/^[\s,;:.!]+/u, '').replace(/\s+([,?.!])/gu, '$1').replace(/,\s*([?.!]|$)/gu, '$1');
}

function atClauseEnd(text: string, end: number): boolean {
  return /^\s*(?:[?.!,;]|$)/u.test(text.slice(end));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
