/**
 * An agent's autonomy: every proposal waits for the seller, or low-risk ones at or above a
 * confidence apply at once. Publishing and larger price cuts always wait (core decides risk).
 */
import { useState, type FormEvent } from 'react';
import type { AgentInfo, Autonomy } from '@shared/api';
import { AutonomySchema } from '@shared/api';
import { useAgents } from '../../stores/agents';

export function AutonomyForm({ agent }: { agent: AgentInfo }) {
  const saved = agent.autonomy;
  const [mode, setMode] = useState<Autonomy['mode']>(saved.mode);
  const [confidence, setConfidence] = useState(String(Math.round(saved.minConfidence * 100)));
  const [cut, setCut] = useState(String(saved.maxAutoPriceCutPct));
  const [problem, setProblem] = useState<string | null>(null);
  const id = `autonomy-${agent.id}`;

  const draft = { mode, minConfidence: Number(confidence) / 100, maxAutoPriceCutPct: Number(cut) };
  const changed =
    draft.mode !== saved.mode ||
    draft.minConfidence !== saved.minConfidence ||
    draft.maxAutoPriceCutPct !== saved.maxAutoPriceCutPct;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = AutonomySchema.safeParse(draft);
    if (confidence.trim() === '' || cut.trim() === '' || !parsed.success) {
      setProblem('Use a confidence from 0 to 100% and a price cut from 0 to 100%.');
      return;
    }
    setProblem(null);
    await useAgents.getState().setAutonomy(agent.id, parsed.data);
  };

  return (
    <form className="autonomy" onSubmit={(e) => void submit(e)} aria-label={`${agent.name} autonomy`}>
      <label htmlFor={`${id}-mode`}>Autonomy</label>
      <select id={`${id}-mode`} value={mode} onChange={(e) => setMode(e.target.value as Autonomy['mode'])}>
        <option value="suggest">Suggest only — every proposal waits for me</option>
        <option value="auto">Apply low-risk proposals by itself</option>
      </select>
      {mode === 'auto' && (
        <div className="autonomy-limits">
          <label>
            at confidence ≥{' '}
            <input
              type="number"
              min={0}
              max={100}
              value={confidence}
              onChange={(e) => setConfidence(e.target.value)}
              aria-label="Minimum confidence (%)"
            />
            %
          </label>
          <label>
            price cuts over{' '}
            <input
              type="number"
              min={0}
              max={100}
              value={cut}
              onChange={(e) => setCut(e.target.value)}
              aria-label="Largest automatic price cut (%)"
            />
            % always wait
          </label>
        </div>
      )}
      <button type="submit" disabled={!changed}>
        Save autonomy
      </button>
      {problem && (
        <p className="error small" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
