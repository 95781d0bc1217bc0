/** Placeholder until auto-hide lands: reports alone hide nothing. */
import type { Database } from '../db';

export async function autoHideIfReported(_db: Database, _input: { postId: number; threshold: number; triggeredById: number }): Promise<boolean> {
  return false;
}
