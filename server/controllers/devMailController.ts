/** /dev/mail, in development only: the emails written to the mail folder when no SMTP_URL is set. */
import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import { simpleParser } from 'mailparser';
import type { Config } from '../config';
import { NotFoundError } from '../errors';

const SHOWN = 30;

export function createDevMailController(config: Pick<Config, 'mailDir'>) {
  return {
    async list(_req: Request, res: Response): Promise<void> {
      const names = fs.existsSync(config.mailDir) ? (await fs.promises.readdir(config.mailDir)).filter((name) => name.endsWith('.eml')).sort().reverse().slice(0, SHOWN) : [];
      const emails = await Promise.all(
        names.map(async (name) => {
          const parsed = await simpleParser(await fs.promises.readFile(path.join(config.mailDir, name)));
          return { file: name, to: parsed.to ? (Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : parsed.to.text) : '', subject: parsed.subject ?? '', date: parsed.date?.toISOString() ?? '', text: parsed.text ?? '' };
        }),
      );
      res.render('email/devMail', { title: 'Mail sent in development', folder: config.mailDir, emails });
    },

    async raw(req: Request, res: Response): Promise<void> {
      const name = String(req.params.file);
      if (!/^[A-Za-z0-9.-]+\.eml$/.test(name)) throw new NotFoundError('There is no such email.');
      const file = path.join(config.mailDir, name);
      if (!fs.existsSync(file)) throw new NotFoundError('There is no such email.');
      res.type('text/plain').send(await fs.promises.readFile(file));
    },
  };
}
