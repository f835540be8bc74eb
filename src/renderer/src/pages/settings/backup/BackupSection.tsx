import { useEffect, useState, type FormEvent } from 'react';
import { DELETE_CONFIRMATION } from '@shared/api';
import { useBackupStore } from '../../../stores/backup';

/**
 * Backups: where they go and how often (its own form, so saving here never touches other
 * settings), Back up now, restore onto an empty FlipSync, and Delete everything behind a
 * typed confirmation.
 */
export function BackupSection() {
  const { status, busy, error, done, load, configure, backUpNow, restore, deleteEverything } = useBackupStore();
  const [folder, setFolder] = useState('');
  const [everyHours, setEveryHours] = useState('0');
  const [keep, setKeep] = useState('7');
  const [restoreFile, setRestoreFile] = useState('');
  const [confirm, setConfirm] = useState('');
  const [loadedFrom, setLoadedFrom] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);
  const key = status ? JSON.stringify(status.config) : null;
  if (status && key !== loadedFrom) {
    setLoadedFrom(key);
    setFolder(status.config.folder);
    setEveryHours(String(status.config.everyHours));
    setKeep(String(status.config.keep));
  }

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    void configure({ folder: folder.trim(), everyHours: Number(everyHours), keep: Number(keep) });
  };
  const fieldError = (path: string) => error?.fields?.find((f) => f.path === path)?.message;

  return (
    <form className="backup-section" onSubmit={onSave} aria-labelledby="backup-title">
      <fieldset>
        <legend id="backup-title">Backup</legend>
        <p className="muted">
          One file holds your items, stock, sales, chats, agent runs, photos and settings (never a password or key).
          Keep backups on another disk or computer.
        </p>
        <div className="field">
          <label htmlFor="backup-folder">Backup folder</label>
          <input
            id="backup-folder"
            type="text"
            value={folder}
            placeholder={status?.folder ?? ''}
            onChange={(e) => setFolder(e.target.value)}
          />
          {fieldError('folder') && <span className="error">{fieldError('folder')}</span>}
        </div>
        <div className="field">
          <label htmlFor="backup-every">Back up automatically every (hours, 0 = off)</label>
          <input
            id="backup-every"
            type="number"
            min={0}
            value={everyHours}
            onChange={(e) => setEveryHours(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="backup-keep">Automatic backups to keep</label>
          <input id="backup-keep" type="number" min={1} value={keep} onChange={(e) => setKeep(e.target.value)} />
        </div>
        <div className="actions">
          <button type="submit" disabled={busy !== null}>
            {busy === 'saving' ? 'Saving…' : 'Save backup settings'}
          </button>
          <button type="button" disabled={busy !== null} onClick={() => void backUpNow()}>
            {busy === 'backing-up' ? 'Backing up…' : 'Back up now'}
          </button>
        </div>
        <p data-testid="backup-last">
          {status?.last ? `Last backup: ${status.last.createdAt} → ${status.last.file}` : 'No backup yet.'}
          {status?.nextAt && ` Next automatic backup: ${status.nextAt}.`}
        </p>
        {status?.lastError && <p className="error">{status.lastError}</p>}

        <div className="field">
          <label htmlFor="backup-restore">Restore from a backup file (onto an empty FlipSync)</label>
          <input
            id="backup-restore"
            type="text"
            value={restoreFile}
            placeholder="/path/to/FlipSync-backup.zip"
            onChange={(e) => setRestoreFile(e.target.value)}
          />
          <button
            type="button"
            disabled={busy !== null || !restoreFile.trim()}
            onClick={() => void restore(restoreFile.trim())}
          >
            {busy === 'restoring' ? 'Restoring…' : 'Restore'}
          </button>
        </div>

        <div className="field">
          <label htmlFor="backup-delete">Delete everything on this computer: type {DELETE_CONFIRMATION}</label>
          <input id="backup-delete" type="text" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
          <button
            type="button"
            className="danger"
            disabled={busy !== null || confirm.trim() !== DELETE_CONFIRMATION || status?.deletePending}
            onClick={() => void deleteEverything(confirm)}
          >
            Delete everything
          </button>
        </div>
        {status?.deletePending && <p className="error">Everything here will be deleted when FlipSync next starts.</p>}
        <p role="status" data-testid="backup-status">
          {done}
        </p>
        {error && !error.fields?.length && (
          <p className="error" role="alert">
            {error.message}
            {error.hint && <span className="hint"> {error.hint}</span>}
          </p>
        )}
      </fieldset>
    </form>
  );
}
