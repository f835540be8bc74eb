import { rememberSecret } from '../log';
import type { SecretStore } from './types';

/**
 * The secret store as core sees it: every value it hands out or saves is first made known to
 * the log's redaction rule, so no secret core holds can be written to a log, whoever logs it.
 * `<name>@origin` entries are server addresses, not secrets.
 */
export function rememberedSecrets(store: SecretStore): SecretStore {
  const isSecret = (name: string) => !name.endsWith('@origin');
  return {
    async get(name) {
      const value = await store.get(name);
      if (isSecret(name)) rememberSecret(value);
      return value;
    },
    set(name, value) {
      if (isSecret(name)) rememberSecret(value);
      return store.set(name, value);
    },
    delete: (name) => store.delete(name),
  };
}
