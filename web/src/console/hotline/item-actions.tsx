// What can be done with an item now, each action a fold-out panel (one open at a time): refer to PHAROS,
// transfer to a foreign hotline, notify the host (DSA Art. 16), close as not actionable, mark removed,
// check now, tell the reporters, reopen. actions.ts says which are offered; the server decides again.
// Below them, adding a confirmed item's picture hashes to a hash bank (AddToBank).
import type { TAddToBankInput, TAddToBankResult, THotlineItem } from '@abri/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { toApiError } from '../../api/client.ts';
import { CheckboxField, SelectField, SubmitButton, TextAreaField, TextField } from '../../ui/fields.tsx';
import { useLoad } from '../../ui/use-load.ts';
import { BANK_KINDS, BANK_LABEL_MAX, pdqUsable } from '../banks/index.ts';
import { useActiveSession } from '../session.tsx';
import { actionState, type BlockedReason, type ItemAction } from './actions.ts';
import { hotlineApi, withText } from './api.ts';
import { CHECK_RELOAD_MS, NOT_ACTIONABLE_REASONS } from './constants.ts';
import { fieldErrors, HotlineError } from './hotline-error.tsx';
import { useHotlineT } from './i18n.ts';
import { NoticePanel } from './notice-panel.tsx';
import { PharosPanel } from './pharos-panel.tsx';
import { TransferPanel } from './transfer-panel.tsx';

type Props = {
  item: THotlineItem;
  onChanged: (item: THotlineItem, message: string) => void;
  onMessage: (message: string) => void;
  onReload: () => void;
};

/** Panels that open a form; the other actions run at once. */
const PANELS = ['pharos', 'transfer', 'notice', 'close', 'removed'] as const;
type Panel = (typeof PANELS)[number];
const isPanel = (action: ItemAction): action is Panel => (PANELS as readonly string[]).includes(action);

export function ItemActions({ item, onChanged, onMessage, onReload }: Props) {
  const t = useHotlineT();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [busy, setBusy] = useState<ItemAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [checkQueued, setCheckQueued] = useState(false);
  const timer = useRef<number | null>(null);
  const state = actionState(item);
  const session = useActiveSession();
  // Acting on a colleague's item is refused (HOTLINE_NOT_ASSIGNED); the header offers to take it over.
  const colleague =
    item.assignedToId !== null && item.assignedToId !== session.user.id && state.reopen !== null
      ? (item.assignedToName ?? '')
      : null;

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  const changed = (updated: THotlineItem, message: string) => {
    setPanel(null);
    onChanged(updated, message);
  };

  const runNow = async (action: 'check' | 'feedback' | 'reopen') => {
    setBusy(action);
    setError(null);
    try {
      if (action === 'reopen') changed(await hotlineApi.reopen(item.id), t('actions.done.reopened'));
      if (action === 'feedback') {
        const { sent } = await hotlineApi.feedback(item.id);
        onMessage(t('actions.done.feedback', { count: sent }));
      }
      if (action === 'check') {
        await hotlineApi.checkNow(item.id);
        setCheckQueued(true);
        onMessage(t('actions.done.checkQueued'));
        if (timer.current !== null) window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => {
          setCheckQueued(false);
          onReload();
        }, CHECK_RELOAD_MS);
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const button = (action: ItemAction, danger = false) => {
    const blocked = state[action] !== null;
    if (isPanel(action)) {
      return (
        <button
          key={action}
          type="button"
          className={`button ${danger ? 'button--danger' : 'button--secondary'}`}
          aria-expanded={panel === action}
          disabled={blocked}
          data-testid={`hotline-action-${action}`}
          onClick={() => {
            setError(null);
            setPanel((current) => (current === action ? null : action));
          }}
        >
          {t(`actions.${action}`)}
        </button>
      );
    }
    return (
      <button
        key={action}
        type="button"
        className="button button--secondary"
        disabled={blocked || busy !== null}
        aria-busy={busy === action || undefined}
        data-testid={`hotline-action-${action}`}
        onClick={() => void runNow(action as 'check' | 'feedback' | 'reopen')}
      >
        {t(`actions.${action}`)}
      </button>
    );
  };

  const reasons = [
    ...new Set(Object.values(state).filter((reason): reason is BlockedReason => reason !== null)),
  ].filter((reason) => reason === 'assessFirst' || reason === 'notIllegal' || reason === 'noFeedback');

  return (
    <section className="card" aria-labelledby="hotline-actions-title" data-testid="hotline-actions">
      <h2 id="hotline-actions-title">{t('actions.title')}</h2>
      {colleague !== null && (
        <p className="notice notice--info">{t('actions.notMine', { name: colleague })}</p>
      )}
      <div className="row-actions">
        {button('pharos')}
        {button('transfer')}
        {button('notice')}
      </div>
      <div className="row-actions hotline-actions__follow">
        {button('check')}
        {button('removed')}
        {button('feedback')}
        {button('close', true)}
        {button('reopen')}
      </div>
      {reasons.length > 0 && (
        <ul className="hotline-actions__why muted">
          {reasons.map((reason) => (
            <li key={reason}>{t(`actions.why.${reason}`)}</li>
          ))}
        </ul>
      )}
      {checkQueued && (
        <p className="notice notice--info">
          {t('actions.checkQueuedHint')}{' '}
          <button type="button" className="button button--secondary button--small" onClick={onReload}>
            {t('actions.refresh')}
          </button>
        </p>
      )}
      <HotlineError error={error} />
      {panel === 'pharos' && <PharosPanel item={item} onChanged={changed} />}
      {panel === 'transfer' && <TransferPanel item={item} onChanged={changed} />}
      {panel === 'notice' && <NoticePanel item={item} onChanged={changed} />}
      {panel === 'close' && <ClosePanel item={item} onChanged={changed} />}
      {panel === 'removed' && <RemovedPanel item={item} onChanged={changed} />}
    </section>
  );
}

function ClosePanel({ item, onChanged }: Pick<Props, 'item' | 'onChanged'>) {
  const t = useHotlineT();
  const [reason, setReason] = useState<string>(
    item.assessment?.classification === 'not_illegal' ? 'not_illegal' : '',
  );
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMissing(!reason);
    if (!reason) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(await hotlineApi.close(item.id, withText({ reason }, { note })), t('actions.done.closed'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="hotline-panel" data-testid="hotline-close-panel">
      <h3>{t('close.title')}</h3>
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label={t('close.title')}
      >
        <SelectField
          label={t('close.reason')}
          value={reason}
          onChange={setReason}
          options={[
            { value: '', label: t('assessment.choose') },
            ...NOT_ACTIONABLE_REASONS.map((value) => ({ value, label: t(`closeReason.${value}`) })),
          ]}
        />
        {missing && (
          <p className="field__error" role="alert">
            {t('close.reasonRequired')}
          </p>
        )}
        <TextAreaField
          label={t('close.note')}
          rows={3}
          maxLength={1000}
          value={note}
          error={fieldErrors(error).note}
          onChange={(event) => setNote(event.target.value)}
        />
        <HotlineError error={error} />
        <div className="actions">
          <SubmitButton busy={busy}>{t('close.submit')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}

function RemovedPanel({ item, onChanged }: Pick<Props, 'item' | 'onChanged'>) {
  const t = useHotlineT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onChanged(await hotlineApi.markRemoved(item.id, withText({}, { note })), t('actions.done.removed'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="hotline-panel" data-testid="hotline-removed-panel">
      <h3>{t('removedForm.title')}</h3>
      <p className="muted">{t('removedForm.hint')}</p>
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label={t('removedForm.title')}
      >
        <TextAreaField
          label={t('removedForm.note')}
          rows={3}
          maxLength={1000}
          value={note}
          error={fieldErrors(error).note}
          onChange={(event) => setNote(event.target.value)}
        />
        <HotlineError error={error} />
        <div className="actions">
          <SubmitButton busy={busy}>{t('removedForm.submit')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}

const CONFIRMED = ['baseline', 'nationally_illegal'];

/**
 * Adding the hashes of a confirmed item's pictures to a hash bank (the server adds MD5, SHA-1 and SHA-256
 * always, PDQ when the picture has enough detail). Offered to people who may read the banks (the list answers
 * 403 otherwise: no panel), once the item is assessed as illegal.
 */
export function AddToBank({ item, onAdded }: { item: THotlineItem; onAdded: () => void }) {
  // Reports of child sexual abuse carry no screenshot: no panel, and no need to read the banks.
  if (item.fileCount === 0) return null;
  return <AddToBankPanel item={item} onAdded={onAdded} />;
}

function AddToBankPanel({ item, onAdded }: { item: THotlineItem; onAdded: () => void }) {
  const t = useHotlineT();
  const { data, error, reload } = useLoad(() => hotlineApi.banks(), []);
  const files = item.reports.flatMap((report) => report.files);
  const [bankId, setBankId] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(files.map((file) => file.id)));
  const [label, setLabel] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [result, setResult] = useState<TAddToBankResult | null>(null);

  if (files.length === 0 || (error && toApiError(error).status === 403)) return null;
  const confirmed = item.assessment !== null && CONFIRMED.includes(item.assessment.classification);
  const selected = files.filter((file) => chosen.has(file.id));
  const bankMissing = checked && !bankId;
  const picturesMissing = checked && selected.length === 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setResult(null);
    if (!bankId || selected.length === 0) return;
    setBusy(true);
    setSaveError(null);
    try {
      const body: TAddToBankInput = withText({ bankId }, { label });
      // Every picture when all are ticked (the server's default).
      if (selected.length < files.length) body.fileIds = selected.map((file) => file.id);
      setResult(await hotlineApi.addToBank(item.id, body));
      onAdded();
    } catch (caught) {
      setSaveError(caught);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const kindText = (kind: string) => {
    const known = BANK_KINDS.find((value) => value === kind);
    return known ? t(`bankKind.${known}`) : kind;
  };

  return (
    <section className="card" aria-labelledby="hotline-bank-title" data-testid="hotline-add-to-bank">
      <h2 id="hotline-bank-title">{t('bank.title')}</h2>
      <p className="muted">{t('bank.intro')}</p>
      <HotlineError error={error} onRetry={() => void reload()} />
      {!confirmed ? (
        <p className="notice notice--info">{t('bank.notConfirmed')}</p>
      ) : data && data.banks.length === 0 ? (
        <p className="notice notice--info">{t('bank.noBanks')}</p>
      ) : data ? (
        <form
          className="form"
          onSubmit={(event) => void submit(event)}
          noValidate
          aria-labelledby="hotline-bank-title"
        >
          <SelectField
            label={t('bank.bank')}
            value={bankId}
            onChange={(value) => {
              setBankId(value);
              setResult(null);
            }}
            options={[
              { value: '', label: t('bank.choose') },
              ...data.banks.map((bank) => ({
                value: bank.id,
                label: t(bank.active ? 'bank.option' : 'bank.optionInactive', {
                  name: bank.name,
                  kind: kindText(bank.kind),
                }),
              })),
            ]}
          />
          {bankMissing && (
            <p className="field__error" role="alert">
              {t('bank.bankRequired')}
            </p>
          )}
          <fieldset
            className="fieldset"
            aria-describedby={picturesMissing ? 'hotline-bank-pictures-error' : undefined}
          >
            <legend>{t('bank.pictures')}</legend>
            {picturesMissing && (
              <p id="hotline-bank-pictures-error" className="field__error">
                {t('bank.picturesRequired')}
              </p>
            )}
            {files.map((file, index) => {
              const notes = [
                file.check.known ? t('bank.pictureKnown') : null,
                file.check.status === 'pending' ? t('bank.picturePending') : null,
                file.check.status !== 'pending' && !pdqUsable(file.check) ? t('bank.pictureNoPdq') : null,
              ].filter((note): note is string => note !== null);
              return (
                <CheckboxField
                  key={file.id}
                  label={[t('shots.number', { number: index + 1 }), ...notes].join(' — ')}
                  checked={chosen.has(file.id)}
                  onChange={(event) => toggle(file.id, event.target.checked)}
                />
              );
            })}
          </fieldset>
          <TextField
            label={t('bank.label')}
            hint={t('bank.labelHint')}
            maxLength={BANK_LABEL_MAX}
            value={label}
            error={fieldErrors(saveError).label}
            onChange={(event) => setLabel(event.target.value)}
          />
          <HotlineError error={saveError} />
          <div className="actions">
            <SubmitButton busy={busy}>{t('bank.submit')}</SubmitButton>
          </div>
        </form>
      ) : null}
      <div role="status" data-testid="hotline-add-to-bank-result">
        {result && (
          <p className="notice notice--success">
            {[
              t('bank.doneAdded', { count: result.added }),
              t('bank.doneDuplicates', { count: result.duplicates }),
              t('bank.doneLowQuality', { count: result.lowQualitySkipped }),
            ].join(', ')}
            .
          </p>
        )}
      </div>
    </section>
  );
}
