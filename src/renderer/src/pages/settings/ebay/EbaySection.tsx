import { useEffect, useState, type FormEvent } from 'react';
import type { EbayApiName, EbaySettings } from '@shared/api';
import { useEbayStore } from '../../../stores/ebay';
import { useSettingsStore } from '../../../stores/settings';
import { EbayImportPanel } from './EbayImportPanel';
import { EbayActivity } from './EbayActivity';
import { EbayOrdersPanel } from './EbayOrdersPanel';
import { EbayListingSetup } from './EbayListingSetup';
import { ErrorText } from '../../../components/ErrorRef';

const API_LABELS = {
  inventory: 'Inventory API',
  fulfillment: 'Orders (Fulfillment API)',
  browse: 'Market prices (Browse API)',
  taxonomy: 'Categories (Taxonomy API)',
  trading: 'Trading API',
  identity: 'Identity API',
  finances: 'Fees (Finances API)',
  account: 'Business policies (Account API)',
  metadata: 'Conditions (Metadata API)',
  media: 'Photo uploads (Media API)',
  oauth: 'Sign-in (tokens)',
} satisfies Record<EbayApiName, string>;
const day = (iso: string) => new Date(iso).toLocaleDateString();

/**
 * Settings → eBay: how to sign in, the account's status and today's calls, connect and
 * disconnect, and the listing import. The client secret is write-only, like other secrets.
 */
export function EbaySection() {
  const settings = useSettingsStore((s) => s.settings);
  const { status, error, busy, load, watch, connect, finish, disconnect, saveSecret } = useEbayStore();
  const [draft, setDraft] = useState<EbaySettings | null>(null);
  const [secret, setSecret] = useState('');
  const [pasted, setPasted] = useState('');

  useEffect(() => {
    void load();
    return watch();
  }, [load, watch]);
  const saved = settings?.ebay;
  if (saved && draft === null) setDraft(saved);
  if (!saved || !draft) return null;

  const onSave = async (event: FormEvent) => {
    event.preventDefault();
    await useSettingsStore.getState().save({
      ebay: {
        environment: draft.environment,
        signIn: draft.signIn,
        relayUrl: draft.relayUrl,
        clientId: draft.clientId,
        ruName: draft.ruName,
        importPictures: draft.importPictures,
        pushStock: draft.pushStock,
      },
    });
    if (secret && (await saveSecret(secret))) setSecret('');
    await load();
  };
  const onFinish = async (event: FormEvent) => {
    event.preventDefault();
    if (await finish(pasted.trim())) setPasted('');
  };
  const edit = (patch: Partial<EbaySettings>) => setDraft({ ...draft, ...patch });

  return (
    <section className="ebay-section" aria-labelledby="ebay-title">
      <h2 id="ebay-title">eBay</h2>
      <form onSubmit={onSave}>
        <div className="field">
          <label htmlFor="ebay-environment">Environment</label>
          <select
            id="ebay-environment"
            value={draft.environment}
            onChange={(e) => edit({ environment: e.target.value as EbaySettings['environment'] })}
          >
            <option value="production">eBay (production)</option>
            <option value="sandbox">eBay sandbox (testing)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="ebay-sign-in">Sign in</label>
          <select
            id="ebay-sign-in"
            value={draft.signIn}
            onChange={(e) => edit({ signIn: e.target.value as EbaySettings['signIn'] })}
          >
            <option value="relay">Through the FlipSync relay</option>
            <option value="own-keys">With my own developer keys</option>
          </select>
        </div>
        {draft.signIn === 'relay' ? (
          <div className="field">
            <label htmlFor="ebay-relay">Relay address</label>
            <input id="ebay-relay" value={draft.relayUrl} onChange={(e) => edit({ relayUrl: e.target.value })} />
          </div>
        ) : (
          <>
            <div className="field">
              <label htmlFor="ebay-client-id">Client id (App ID)</label>
              <input
                id="ebay-client-id"
                value={draft.clientId}
                autoComplete="off"
                onChange={(e) => edit({ clientId: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor="ebay-client-secret">Client secret (Cert ID)</label>
              <input
                id="ebay-client-secret"
                type="password"
                autoComplete="new-password"
                value={secret}
                placeholder={status?.hasClientSecret ? 'Saved (type to replace)' : ''}
                onChange={(e) => setSecret(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="ebay-runame">RuName</label>
              <input
                id="ebay-runame"
                value={draft.ruName}
                autoComplete="off"
                onChange={(e) => edit({ ruName: e.target.value })}
              />
            </div>
          </>
        )}
        <div className="field checkbox">
          <label htmlFor="ebay-import-pictures">Import each listing’s first picture as the item’s photo</label>
          <input
            id="ebay-import-pictures"
            type="checkbox"
            checked={draft.importPictures}
            onChange={(e) => edit({ importPictures: e.target.checked })}
          />
        </div>
        <div className="field checkbox">
          <label htmlFor="ebay-push-stock">Send stock changes to my eBay listings</label>
          <input
            id="ebay-push-stock"
            type="checkbox"
            checked={draft.pushStock}
            aria-describedby="ebay-push-stock-help"
            onChange={(e) => edit({ pushStock: e.target.checked })}
          />
          <p id="ebay-push-stock-help" className="muted small">
            A sale here or on another device lowers the quantity on eBay within seconds. At 0 a listing goes out of
            stock if eBay’s Out-of-Stock control is on in your account, and ends if it is off.
          </p>
        </div>
        <button type="submit">Save eBay settings</button>
      </form>

      <div className="ebay-status" aria-live="polite">
        {status?.connected ? (
          <>
            <p>
              Connected as <strong>{status.user?.username}</strong> ({status.scopes.length} permissions granted).
              {status.consentExpiresAt ? ` Consent runs until ${day(status.consentExpiresAt)}.` : ''}
            </p>
            {status.consentEndingSoon && (
              <p className="warning">Your eBay consent ends soon: connect again to keep FlipSync working.</p>
            )}
            <button type="button" disabled={busy} onClick={() => void disconnect()}>
              Disconnect eBay
            </button>
          </>
        ) : (
          <>
            <p>
              {status?.needsReconnect
                ? (status.reason ?? 'eBay no longer accepts the sign-in.') + ' Connect again.'
                : 'No eBay account is connected.'}
            </p>
            <button type="button" disabled={busy} onClick={() => void connect()}>
              Connect eBay
            </button>
            <form onSubmit={onFinish}>
              <label htmlFor="ebay-paste">If eBay’s page showed an address to copy, paste it here</label>
              <input id="ebay-paste" value={pasted} onChange={(e) => setPasted(e.target.value)} />
              <button type="submit" disabled={busy || !pasted.trim()}>
                Finish connecting
              </button>
            </form>
          </>
        )}
        {error && (
          <p className="error" role="alert">
            <ErrorText error={error} />
          </p>
        )}
      </div>

      {status && (
        <table className="ebay-usage">
          <caption>eBay calls today</caption>
          <tbody>
            {status.usage.map((u) => (
              <tr key={u.api}>
                <th scope="row">{API_LABELS[u.api]}</th>
                <td>
                  {u.calls.toLocaleString()} of {u.limit.toLocaleString()}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {status?.connected && <EbayImportPanel />}
      {status?.connected && <EbayListingSetup />}
      {status?.connected && <EbayOrdersPanel />}
      {status?.connected && <EbayActivity />}
    </section>
  );
}
