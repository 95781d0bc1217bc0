/**
 * Password hashing with bcrypt (bcryptjs: pure JavaScript, installs from the registry alone).
 * bcrypt reads only the first 72 bytes, so long passphrases are first reduced to a SHA-256
 * digest: every character of a passphrase counts.
 */
import crypto from 'node:crypto';
import bcrypt from 'bcryptjs';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string | null): Promise<boolean>;
}

function prehash(password: string): string {
  return crypto.createHash('sha256').update(password.normalize('NFC'), 'utf8').digest('base64');
}

export function createPasswordHasher(cost: number): PasswordHasher {
  // Compared against when there is no member, so a wrong username costs as much time as a wrong password.
  const dummyHash = bcrypt.hashSync(prehash('no such member'), cost);
  return {
    hash: (password) => bcrypt.hash(prehash(password), cost),
    async verify(password, hash) {
      const matches = await bcrypt.compare(prehash(password), hash ?? dummyHash);
      return hash !== null && matches;
    },
  };
}
