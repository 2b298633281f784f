/**
 * Keyed pseudonyms for petitioners: HMAC-SHA-256 of the normalised id with a secret that is never
 * published or printed. Same secret, same pseudonym, build after build. The pseudonyms stay in the
 * build: they order the petitioner numbers it publishes (publish-db.ts).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { BuildError } from './build-error.ts';

export const KEY_ENV = 'XINFANG_PSEUDONYM_KEY';
export const PSEUDONYM_HEX_DIGITS = 16;
const MIN_KEY_BYTES = 16;

/** A key as written (env or file): 64 hex digits are 32 bytes; anything else is its UTF-8 bytes. */
export function keyFromText(text: string): Buffer {
  const trimmed = text.trim();
  return /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'utf8');
}

export interface KeySource {
  envValue: string | undefined;
  keyFile: string;
  log: (line: string) => void;
}

/** The secret: from the environment, else the key file, created (32 random bytes, 0600) if absent. */
export async function loadPseudonymKey(source: KeySource): Promise<Buffer> {
  if (source.envValue !== undefined && source.envValue.trim() !== '') {
    const key = keyFromText(source.envValue);
    if (key.length < MIN_KEY_BYTES) {
      throw new BuildError(`环境变量 ${KEY_ENV} 的密钥过短（至少 ${MIN_KEY_BYTES} 字节）`);
    }
    return key;
  }
  let text: string;
  try {
    text = await fs.readFile(source.keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new BuildError(`无法读取假名密钥文件 ${source.keyFile}：请检查文件权限`);
    }
    text = randomBytes(32).toString('hex');
    try {
      await fs.writeFile(source.keyFile, `${text}\n`, { mode: 0o600, flag: 'wx' });
      source.log(
        `已生成假名密钥文件 ${source.keyFile}（权限 0600）。请妥善备份：换了密钥，信访人的编号顺序会改变。`,
      );
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new BuildError(
          `无法创建假名密钥文件 ${source.keyFile}：请检查目录权限，或设置环境变量 ${KEY_ENV}`,
        );
      }
      text = await fs.readFile(source.keyFile, 'utf8');
    }
  }
  const key = keyFromText(text);
  if (key.length < MIN_KEY_BYTES) {
    throw new BuildError(`假名密钥文件 ${source.keyFile} 的密钥过短（至少 ${MIN_KEY_BYTES} 字节）`);
  }
  return key;
}
