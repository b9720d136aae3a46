import { ArticleError } from '../core/errors.js';

/** Extensions of binary documents read as plain text: the first line is the title, the rest the text. */
export const DOCUMENT_EXTENSIONS = ['pdf', 'docx'] as const;
export type DocumentExtension = (typeof DOCUMENT_EXTENSIONS)[number];

export function isDocumentExtension(extension: string): extension is DocumentExtension {
  return (DOCUMENT_EXTENSIONS as readonly string[]).includes(extension);
}

/**
 * The text of a PDF (unpdf, Mozilla's PDF.js) or DOCX (mammoth) file, one paragraph or PDF line a line, NFC.
 * A scanned PDF (images, no text layer) has no text: that is reported, as it needs OCR first.
 * @throws ArticleError naming the file when the document cannot be read.
 */
export async function documentText(file: string, extension: DocumentExtension, bytes: Uint8Array): Promise<string> {
  let text: string;
  try {
    if (extension === 'docx') {
      const mammoth = (await import('mammoth')).default;
      text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    } else {
      const { extractText, getDocumentProxy } = await import('unpdf');
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      text = (await extractText(pdf, { mergePages: true })).text;
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ArticleError(file, undefined, `could not be read as ${extension.toUpperCase()}: ${reason}`, { cause: error });
  }
  const normalised = text.normalize('NFC').replace(/\r\n?/g, '\n');
  if (normalised.trim() === '') {
    throw new ArticleError(file, 'text', `the ${extension.toUpperCase()} has no text layer (a scan?); save its text as .txt instead`);
  }
  return normalised;
}
