// Screenshots as analysts see them: a blurred, greyscale preview by default, the picture itself only when
// an analyst asks for it, one at a time, re-encoded (never the uploaded bytes: no metadata, no polyglot
// file reaches a browser). Each picture revealed counts once a day in the analyst's exposure. Neither the
// preview nor the picture is made before the picture was checked against the newest hash banks: known abuse
// material is never displayed, blurred or not.
import type { TExposure } from '@abri/contracts';
import sharp from 'sharp';
import type { Db } from '../../../database.ts';
import { AppError } from '../../../infra/errors.ts';
import { type AuditActor, recordAudit } from '../../audit/index.ts';
import type { MediaService } from '../../media/index.ts';

/** Pictures were at most 5 MB; this caps the pixels a crafted one could unfold into (a decompression bomb). */
const MAX_INPUT_PIXELS = 40_000_000;
const PREVIEW_SIDE = 480;
const REVEAL_SIDE = 1600;

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** YYYY-MM-DD in Paris: the analysts' working day. */
export const parisDay = (date: Date) => PARIS_DAY.format(date);

async function fileContent(db: Db, id: string) {
  const row = await db
    .selectFrom('report_files')
    .select(['id', 'report_id', 'content'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('HOTLINE_FILE_NOT_FOUND');
  return row;
}

async function encode(content: Uint8Array, side: number, blurred: boolean): Promise<Buffer> {
  try {
    let image = sharp(content, { limitInputPixels: MAX_INPUT_PIXELS, animated: false, failOn: 'error' })
      .rotate()
      .resize(side, side, { fit: 'inside', withoutEnlargement: true });
    // Blur strong enough that shapes stay but nothing can be made out; greyscale takes the colour's shock.
    if (blurred) image = image.greyscale().blur(24);
    return await image.webp({ quality: blurred ? 50 : 85 }).toBuffer();
  } catch {
    throw new AppError('HOTLINE_IMAGE_UNREADABLE');
  }
}

export async function previewImage(db: Db, media: MediaService, id: string, now: Date): Promise<Buffer> {
  const file = await fileContent(db, id);
  await media.assertDisplayable({ type: 'report_file', id }, now);
  return encode(file.content, PREVIEW_SIDE, true);
}

export async function revealImage(
  db: Db,
  media: MediaService,
  id: string,
  actor: AuditActor & { id: string },
  now: Date,
): Promise<Buffer> {
  const file = await fileContent(db, id);
  await media.assertDisplayable({ type: 'report_file', id }, now);
  const image = await encode(file.content, REVEAL_SIDE, false);
  await db
    .insertInto('analyst_exposures')
    .values({ user_id: actor.id, day: parisDay(now), file_id: id, revealed_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'day', 'file_id']).doNothing())
    .execute();
  await recordAudit(
    db,
    {
      actor,
      action: 'hotline.image_revealed',
      subject: { type: 'report_file', id },
      details: { reportId: file.report_id },
    },
    now,
  );
  return image;
}

export async function exposureOf(db: Db, userId: string, now: Date, breakEvery: number): Promise<TExposure> {
  const row = await db
    .selectFrom('analyst_exposures')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('day', '=', parisDay(now))
    .executeTakeFirstOrThrow();
  const today = Number(row.n);
  return { today, breakEvery, breakSuggested: today >= breakEvery };
}
