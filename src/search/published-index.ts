import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ChatbotError } from '../core/errors.js';
import type { IndexPublication, IndexPublications, PublishedFile } from '../core/ports.js';
import { beginVersion, fileChecksum, syncFile, writeTextFile } from './index-files.js';
import { withIndexLock, type IndexLockOptions } from './index-lock.js';

/** The file that marks a version folder as a copy of a publication (or as published from it): the publication's id. */
const PUBLICATION_FILE = 'PUBLICATION';
/** Bytes read at a time from a file being published. */
const READ_BYTES = 1024 * 1024;
/** A published file's name: a plain name inside the version folder, never a path. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The id of the publication a version folder holds (or was published as); undefined for one built here and not yet published. */
export async function publicationOf(folder: string | undefined): Promise<number | undefined> {
  if (folder === undefined) return undefined;
  const text = await readFile(join(folder, PUBLICATION_FILE), 'utf8').catch(() => undefined);
  const id = text === undefined ? Number.NaN : Number(text.trim());
  return Number.isSafeInteger(id) ? id : undefined;
}

/**
 * Publishes the committed version in `folder` (every file, each with its size and checksum) and marks the folder with
 * the publication's id. Holds the index lock meanwhile, so no update rewrites the folder's manifest while it is read.
 */
export async function publishVersion(indexDir: string, folder: string, publications: IndexPublications, lock: IndexLockOptions = {}): Promise<IndexPublication> {
  return withIndexLock(
    indexDir,
    async () => {
      const files: PublishedFile[] = [];
      for (const name of (await readdir(folder)).sort()) {
        if (name === PUBLICATION_FILE) continue;
        files.push({ name, bytes: (await stat(join(folder, name))).size, checksum: await fileChecksum(join(folder, name)) });
      }
      const publication = await publications.publish(files, (name) => createReadStream(join(folder, name), { highWaterMark: READ_BYTES }));
      await writeTextFile(join(folder, PUBLICATION_FILE), `${publication.id}\n`);
      return publication;
    },
    lock,
  );
}

/**
 * Copies a publication into a new version folder of `indexDir` and makes it the live one (CURRENT), once every file
 * is written whole and matches its published checksum; a file that does not leaves the previous version live.
 * @throws ChatbotError('index-corrupt') naming the file, when a copy does not match or the publication went away.
 */
export async function installPublication(indexDir: string, publication: IndexPublication, publications: IndexPublications, lock: IndexLockOptions = {}): Promise<void> {
  await withIndexLock(
    indexDir,
    async () => {
      const version = await beginVersion(indexDir);
      for (const file of publication.files) {
        if (!FILE_NAME.test(file.name)) throw new ChatbotError('index-corrupt', `Published index version ${publication.id} names a file "${file.name}" that is not a plain file name; it is not installed.`);
        const path = join(version.folder, file.name);
        await pipeline(Readable.from(publications.readFile(publication.id, file.name)), createWriteStream(path));
        await syncFile(path);
        const checksum = await fileChecksum(path);
        if (checksum !== file.checksum) {
          throw new ChatbotError(
            'index-corrupt',
            `${file.name} of published index version ${publication.id} does not match its checksum (${checksum} instead of ${file.checksum}): it was damaged or replaced meanwhile; the previous version stays live.`,
          );
        }
      }
      await writeTextFile(join(version.folder, PUBLICATION_FILE), `${publication.id}\n`);
      await version.commit();
    },
    lock,
  );
}
