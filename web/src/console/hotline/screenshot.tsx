// One screenshot: shown as the server's blurred greyscale preview (not counted); "Reveal" loads the image
// itself, which counts in the analyst's exposure, and "Hide" puts the preview back. Only one is revealed
// at a time (the item page keeps which). Alt texts name the picture, never what it shows.
// A picture that matched a bank of known abuse material is never requested: its place says which bank and
// how far. The others are read with fetch() (api.ts): the server checks a picture against the banks before
// it makes any preview, and a picture recognised since the page loaded (403 MEDIA_KNOWN_MATERIAL) gets the
// same notice, not a broken image; the page then reads the item again for the details.
import type { THotlineFile, TMediaMatch } from '@abri/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { BANK_KINDS, type ImageAnswer, PDQ_MIN_QUALITY, shotDisplay } from '../banks/index.ts';
import { fetchImage, fetchPreview, hotlineLinks } from './api.ts';
import { formatBytes, shortHash } from './display.ts';
import { refreshExposure } from './exposure.tsx';
import { hotlineErrorText } from './hotline-error.tsx';
import { type HotlineT, useHotlineT } from './i18n.ts';

type Props = {
  file: THotlineFile;
  /** Its number on the item page, from 1. */
  number: number;
  revealed: boolean;
  onReveal: () => void;
  onHide: () => void;
  /** The server checked the picture since the item was read (or recognised it): read the item again. */
  onChecked: () => void;
};

function matchText(t: HotlineT, match: TMediaMatch): string {
  const kind = BANK_KINDS.find((value) => value === match.bankKind);
  const text = t('shots.match', {
    bank: match.bankName,
    kind: kind ? t(`bankKind.${kind}`) : match.bankKind,
    distance: match.distance,
  });
  return match.label ? `${text} · ${t('shots.knownLabel', { label: match.label })}` : text;
}

export function Screenshot(props: Props) {
  const display = shotDisplay(props.file.check);
  if (display.kind === 'known')
    return <KnownMaterial file={props.file} match={display.match} number={props.number} />;
  return <ShownScreenshot {...props} />;
}

/** Never an image: which bank, how far, by which hash, and the bank's label if it has one. */
function KnownMaterial({
  file,
  match,
  number,
}: {
  file: THotlineFile;
  match: TMediaMatch | null;
  number: number;
}) {
  const t = useHotlineT();
  return (
    <figure className="hotline-shot" data-testid="hotline-screenshot">
      <div className="hotline-shot__known" role="note" data-testid="hotline-known-material">
        <p>
          <strong>
            {match
              ? t('shots.known', { bank: match.bankName, distance: match.distance })
              : t('shots.knownGeneric')}
          </strong>
        </p>
        <p>{t('shots.knownNever')}</p>
        {match && (
          <p className="muted">
            {t('shots.knownHow', { algorithm: match.algorithm.toUpperCase() })}
            {match.label && ` · ${t('shots.knownLabel', { label: match.label })}`}
          </p>
        )}
      </div>
      <figcaption className="hotline-shot__caption">
        <p className="muted">{t('shots.number', { number })}</p>
        <FileDetails file={file} />
      </figcaption>
    </figure>
  );
}

function ShownScreenshot({ file, number, revealed, onReveal, onHide, onChecked }: Props) {
  const t = useHotlineT();
  const [colour, setColour] = useState(false);
  const [preview, setPreview] = useState<ImageAnswer | null>(null);
  const [picture, setPicture] = useState<ImageAnswer | null>(null);
  const display = shotDisplay(file.check);
  const pending = display.kind === 'show' && display.pending;

  // biome-ignore lint/correctness/useExhaustiveDependencies: asked once per picture; `pending` and `onChecked` are read when it answers
  useEffect(() => {
    let live = true;
    setPreview(null);
    void fetchPreview(file.id).then((answer) => {
      if (!live) return;
      setPreview(answer);
      if (pending || answer.kind === 'known') onChecked();
    });
    return () => {
      live = false;
    };
  }, [file.id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `onChecked` is read when the picture answers
  useEffect(() => {
    setPicture(null);
    if (!revealed) return;
    let live = true;
    void fetchImage(hotlineLinks.reveal(file.id)).then((answer) => {
      if (!live) return;
      setPicture(answer);
      if (answer.kind === 'image') void refreshExposure();
      if (answer.kind === 'known') onChecked();
    });
    return () => {
      live = false;
    };
  }, [file.id, revealed]);

  if (preview?.kind === 'known' || picture?.kind === 'known') {
    return <KnownMaterial file={file} match={null} number={number} />;
  }
  const shown = revealed ? picture : preview;
  const canReveal = preview?.kind === 'image';

  return (
    <figure className="hotline-shot" data-testid="hotline-screenshot">
      <div className={`hotline-shot__frame${shown?.kind === 'image' ? '' : ' hotline-shot__frame--text'}`}>
        {shown === null ? (
          <p className="hotline-shot__waiting">{pending ? t('shots.pending') : t('shots.loading')}</p>
        ) : shown.kind === 'unavailable' ? (
          <p role="note" className="hotline-shot__note" data-testid="hotline-screenshot-unavailable">
            {hotlineErrorText(t, () => t('shots.unavailable'), shown.error)}
          </p>
        ) : shown.kind === 'image' && revealed ? (
          <img
            src={shown.src}
            alt={t('shots.altRevealed', { number })}
            className={colour ? undefined : 'hotline-shot__grey'}
            data-testid="hotline-screenshot-revealed"
          />
        ) : shown.kind === 'image' ? (
          <img src={shown.src} alt={t('shots.altBlurred', { number })} className="hotline-shot__preview" />
        ) : null}
      </div>
      <figcaption className="hotline-shot__caption">
        {pending && preview === null && <p className="muted">{t('shots.pendingHint')}</p>}
        {display.kind === 'show' &&
          display.matches.map((match) => (
            <p
              key={`${match.bankId}-${match.algorithm}`}
              className="muted"
              data-testid="hotline-screenshot-match"
            >
              {matchText(t, match)}
            </p>
          ))}
        {display.kind === 'show' && display.refused && (
          <p className="muted" data-testid="hotline-screenshot-refused">
            {t('shots.refused', {
              reason: display.refused.reason
                ? t(`shots.refusedReason.${display.refused.reason}`)
                : (display.refused.raw ?? '—'),
            })}
          </p>
        )}
        <div className="row-actions">
          {revealed ? (
            <button type="button" className="button button--primary button--small" onClick={onHide}>
              {t('shots.hide', { number })}
            </button>
          ) : (
            canReveal && (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  setColour(false);
                  onReveal();
                }}
              >
                {t('shots.reveal', { number })}
              </button>
            )
          )}
          {revealed && picture?.kind === 'image' && (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-pressed={colour}
              onClick={() => setColour((current) => !current)}
            >
              {t('shots.colour')}
            </button>
          )}
        </div>
        <FileDetails file={file} />
      </figcaption>
    </figure>
  );
}

/** The file's type, size and hashes (text only: safe for known material too). */
function FileDetails({ file }: { file: THotlineFile }) {
  const t = useHotlineT();
  const { i18n } = useTranslation();
  const { check } = file;
  return (
    <>
      <p className="hotline-shot__hash">
        {t('shots.sha256')} <code title={file.sha256}>{shortHash(file.sha256)}</code>
      </p>
      <details className="hotline-shot__details">
        <summary>{t('shots.details')}</summary>
        <dl>
          <dt>{t('shots.type')}</dt>
          <dd>
            {file.contentType} · {formatBytes(t, file.size, i18n.language)}
          </dd>
          <dt>SHA-256</dt>
          <dd>
            <code>{file.sha256}</code>
          </dd>
          <dt>SHA-1</dt>
          <dd>
            <code>{file.sha1}</code>
          </dd>
          <dt>MD5</dt>
          <dd>
            <code>{file.md5}</code>
          </dd>
          <dt>{t('shots.pdq')}</dt>
          <dd>{check.pdq ? <code>{check.pdq}</code> : t(`shots.checkStatus.${check.status}`)}</dd>
          {check.quality !== null && (
            <>
              <dt>{t('shots.quality')}</dt>
              <dd>
                {check.quality < PDQ_MIN_QUALITY
                  ? t('shots.qualityLow', { quality: check.quality })
                  : t('shots.qualityValue', { quality: check.quality })}
              </dd>
            </>
          )}
        </dl>
      </details>
    </>
  );
}
