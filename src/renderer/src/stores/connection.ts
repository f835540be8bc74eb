import { create } from 'zustand';
import { getTransport, type ConnectionState, type Transport } from '../api/transport';

interface ConnectionStore {
  kind: Transport['kind'] | null;
  state: ConnectionState;
  /** Subscribes to the transport; returns the unsubscribe. */
  watch(): () => void;
}

export const useConnectionStore = create<ConnectionStore>((set) => ({
  kind: null,
  state: 'connecting',
  watch: () => {
    const transport = getTransport();
    set({ kind: transport.kind });
    return transport.onState((state) => set({ state }));
  },
}));
