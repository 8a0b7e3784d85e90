import { type FormEvent, type InputHTMLAttributes, useState } from 'react';
import { errorText } from '@/components/shared/errorText';
import type { MessageKey } from '@/utils/i18n/strings';
import { call } from '@/utils/messaging/client';
import { allowLoopbackWs, serverUrlSchema, type TeamStatus, TeamTokenSchema } from '@/utils/sync/schema';
import { useI18n } from '../shared/i18n';
import { PageSection } from '../shared/PageSection';

const field = 'rounded border border-zinc-400 bg-transparent p-1.5 dark:border-zinc-500';

/** A labelled text box of the join form. */
function TextField({
  label,
  value,
  onChange,
  ...input
}: { label: string; value: string; onChange: (value: string) => void } & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'placeholder' | 'autoComplete'
>) {
  return (
    <label className="flex flex-col gap-1">
      {label}
      <input {...input} value={value} onChange={(e) => onChange(e.target.value)} className={field} />
    </label>
  );
}

/** What is wrong with a join form, worded in the user's language before anything reaches the background. */
function joinProblem(serverUrl: string, token: string, displayName: string): MessageKey | null {
  if (!serverUrlSchema(allowLoopbackWs()).safeParse(serverUrl).success) {
    return allowLoopbackWs() ? 'team.badUrl' : 'team.badUrlStrict';
  }
  if (!TeamTokenSchema.safeParse(token).success) return 'team.badTokenFormat';
  if (!displayName.trim()) return 'team.nameMissing';
  return null;
}

/** Settings → Team: join with a server address and token, see the connection, leave (keep or delete). */
export function TeamSettings({ team, myName }: { team: TeamStatus; myName: string }) {
  const { t, language } = useI18n();
  const [serverUrl, setServerUrl] = useState(team.config?.serverUrl ?? '');
  const [token, setToken] = useState('');
  const [displayName, setDisplayName] = useState(team.config?.displayName ?? myName);
  const [keepLocalCopy, setKeepLocalCopy] = useState(true);
  // Own messages are keys (they follow a language switch); the background's are shown as they come.
  const [message, setMessage] = useState<{ key: MessageKey; error: boolean } | { text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' });

  const attempt = async (work: () => Promise<unknown>, done: MessageKey | null) => {
    setBusy(true);
    try {
      await work();
      setMessage(done && { key: done, error: false });
    } catch (error) {
      setMessage({ text: errorText(t, error) });
    } finally {
      setBusy(false);
    }
  };

  const join = (event: FormEvent) => {
    event.preventDefault();
    const problem = joinProblem(serverUrl, token, displayName);
    if (problem) {
      setMessage({ key: problem, error: true });
      return;
    }
    // The token field keeps what was typed when the join fails: nothing is lost on bad input.
    void attempt(() => call('team.join', { serverUrl, token, displayName }), null);
  };

  const refused = team.connection === 'refused';
  const joined = team.config !== null && !refused;
  return (
    <PageSection
      id="team-heading"
      title={t('team.heading')}
      intro={t('team.intro')}
      className="flex max-w-2xl flex-col gap-3"
    >
      {team.config && team.problem && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {t(`team.problem.${team.problem}`)}
        </p>
      )}
      {joined && team.config ? (
        <div className="flex flex-col gap-2">
          <p>{t('team.joinedAs', { team: team.config.teamId, name: team.config.displayName })}</p>
          <p role="status">
            {t('team.state', { state: t(`team.connection.${team.connection ?? 'connecting'}`) })}
            {' · '}
            {team.lastSyncAt === null
              ? t('team.neverSynced')
              : t('team.lastSync', { when: time.format(team.lastSyncAt) })}
          </p>
          {team.members.length > 0 && <p>{t('team.members', { names: team.members.join(', ') })}</p>}
          <fieldset className="flex flex-col gap-1">
            <legend className="sr-only">{t('team.leave')}</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="leave-mode" checked={keepLocalCopy} onChange={() => setKeepLocalCopy(true)} />
              {t('team.leaveKeep')}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="leave-mode" checked={!keepLocalCopy} onChange={() => setKeepLocalCopy(false)} />
              {t('team.leaveDelete')}
            </label>
          </fieldset>
          <button
            type="button"
            disabled={busy}
            onClick={() => void attempt(() => call('team.leave', { keepLocalCopy }), 'team.left')}
            className="self-start rounded border border-zinc-400 px-3 py-1 disabled:opacity-50"
          >
            {t('team.leave')}
          </button>
        </div>
      ) : (
        <form onSubmit={join} aria-label={t('team.join')} className="flex flex-col gap-2" noValidate>
          <TextField
            label={t('team.serverUrl')}
            value={serverUrl}
            onChange={setServerUrl}
            placeholder="wss://team.example.com"
            autoComplete="url"
          />
          <TextField label={t('team.token')} value={token} onChange={setToken} type="password" autoComplete="off" />
          <TextField label={t('team.displayName')} value={displayName} onChange={setDisplayName} />
          <button
            type="submit"
            disabled={busy}
            className="self-start rounded bg-indigo-700 px-4 py-1.5 text-white disabled:opacity-50"
          >
            {t('team.join')}
          </button>
        </form>
      )}
      {message && (
        <p
          role={'text' in message || message.error ? 'alert' : 'status'}
          className={'text' in message || message.error ? 'text-red-700 dark:text-red-400' : ''}
        >
          {'text' in message ? message.text : t(message.key)}
        </p>
      )}
    </PageSection>
  );
}
