/**
 * What the tray needs from the agents feature. The agents service implements it and core
 * hands it to the tray with `tray.attachAgents(...)`; until then the tray says agents are
 * not available instead of showing numbers it does not have.
 */
export interface AgentsSummary {
  total: number;
  paused: number;
  running: number;
}

export interface AgentsControl {
  /** Proposals waiting for the seller's approval. */
  pendingProposals(): Promise<number>;
  summary(): Promise<AgentsSummary>;
  /** Starts an inventory health scan now; resolves once it is started (or done). */
  runInventoryHealth(): Promise<void>;
  pauseAll(): Promise<void>;
  resumeAll(): Promise<void>;
}
