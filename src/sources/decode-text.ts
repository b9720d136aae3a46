/** Labels TextDecoder knows under another name, as Vietnamese sites write them. */
const ALIASES: Record<string, string> = { 'x-user-defined': 'windows-1252', cp1258: 'windows-1258', 'vn-1258': 'windows-1258' };

/**
 * A fetched body as NFC text: the charset from the Content-Type header, else a byte-order mark, a `<meta charset>`,
 * `<meta http-equiv="Content-Type">` or an XML declaration near the top, else UTF-8. Legacy encodings such as
 * windows-1258 are converted (Node's TextDecoder knows the WHATWG encodings).
 */
export function decodeText(body: Buffer, contentType: string): string {
  const label = charsetOf(contentType) ?? bomCharset(body) ?? declaredCharset(body) ?? 'utf-8';
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(ALIASES[label] ?? label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(body).normalize('NFC');
}

function charsetOf(contentType: string): string | undefined {
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return match?.[1]?.toLowerCase();
}

function bomCharset(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The charset a page or XML document declares in its first 2 KB (read as ASCII, which every such label is). */
function declaredCharset(body: Buffer): string | undefined {
  const head = body.subarray(0, 2048).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (meta) return meta[1]?.toLowerCase();
  const xml = /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return xml?.[1]?.toLowerCase();
}
