import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorCode } from '../errors.js';
import { type Outputs, useTRPC } from '../trpc.js';
import { ErrorText, Spinner } from '../ui.js';

/** Blank means "the provider's default" (null); otherwise the number typed. */
function optionalNumber(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

type Field = [string, (value: string) => void];

/** Name, description and instructions: the same fields, limits as the API's, in both forms. */
function AgentTextFields(props: { name: Field; description: Field; instructions: Field; placeholder?: string }) {
  return (
    <>
      <label>
        Name
        <input required maxLength={100} value={props.name[0]} onChange={(e) => props.name[1](e.target.value)} />
      </label>
      <label>
        Description
        <input maxLength={2000} value={props.description[0]} onChange={(e) => props.description[1](e.target.value)} />
      </label>
      <label>
        Instructions
        <textarea
          required
          rows={5}
          maxLength={32_000}
          placeholder={props.placeholder}
          value={props.instructions[0]}
          onChange={(e) => props.instructions[1](e.target.value)}
        />
      </label>
    </>
  );
}

/** A number field whose blank means "the provider's default". */
function NumberField(props: { label: string; field: Field; min: number; max?: number; step: number }) {
  return (
    <label className="grow">
      {props.label}
      <input
        type="number"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.field[0]}
        onChange={(e) => props.field[1](e.target.value)}
      />
    </label>
  );
}

/** Temperature, top p and the longest answer: blank means the provider's default, in both forms. */
function GenerationFields(props: { temperature: Field; topP: Field; maxTokens: Field }) {
  return (
    <div className="inline-form">
      <NumberField
        label="Temperature (0–2, blank: the model’s default)"
        field={props.temperature}
        min={0}
        max={2}
        step={0.1}
      />
      <NumberField
        label="Top p (above 0, up to 1; blank: the model’s default)"
        field={props.topP}
        min={0}
        max={1}
        step={0.01}
      />
      <NumberField label="Longest answer in tokens (blank: no limit)" field={props.maxTokens} min={1} step={1} />
    </div>
  );
}

/**
 * Create an agent that Parley runs itself on the operator's model provider: name, description,
 * instructions, one of the models the operator allows (`human.agents.listPlatformModels`) and,
 * optionally, its generation settings.
 * Without a provider the API answers `llm_not_configured`, and the card says so in words.
 */
export function CreatePlatformAgent({ onCreated }: { onCreated: () => void }) {
  const trpc = useTRPC();
  const models = useQuery({ ...trpc.human.agents.listPlatformModels.queryOptions(), retry: false });
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [instructions, setInstructions] = useState('');
  const [model, setModel] = useState('');
  const [temperature, setTemperature] = useState('');
  const [topP, setTopP] = useState('');
  const [maxTokens, setMaxTokens] = useState('');
  const create = useMutation(
    trpc.human.agents.create.mutationOptions({
      onSuccess: () => {
        setName('');
        setDescription('');
        setInstructions('');
        setTemperature('');
        setTopP('');
        setMaxTokens('');
        onCreated();
      },
    }),
  );
  const noProvider = errorCode(models.error) === 'llm_not_configured';
  return (
    <form
      className="card stack"
      aria-label="Create a platform agent"
      onSubmit={(e) => {
        e.preventDefault();
        const chosen = model || models.data?.data.default_model;
        create.mutate({
          agent: {
            name,
            description,
            instructions,
            ...(chosen ? { model: chosen } : {}),
            temperature: optionalNumber(temperature),
            top_p: optionalNumber(topP),
            max_tokens: optionalNumber(maxTokens),
          },
        });
      }}
    >
      <h2>Create a platform agent</h2>
      <p className="muted small">
        Parley runs it for you on a model: add it to a room and mention it, and it answers. No process to host, no key.
      </p>
      {models.isPending ? (
        <Spinner label="Loading the models…" />
      ) : models.error ? (
        <ErrorText error={models.error} />
      ) : null}
      {!noProvider && (
        <>
          <AgentTextFields
            name={[name, setName]}
            description={[description, setDescription]}
            instructions={[instructions, setInstructions]}
            placeholder="You are a concise assistant who…"
          />
          <label>
            Model
            <select value={model || models.data?.data.default_model || ''} onChange={(e) => setModel(e.target.value)}>
              {models.data?.data.models.map((m) => (
                <option key={m} value={m}>
                  {m}
                  {m === models.data?.data.default_model ? ' (default)' : ''}
                </option>
              ))}
            </select>
          </label>
          <GenerationFields
            temperature={[temperature, setTemperature]}
            topP={[topP, setTopP]}
            maxTokens={[maxTokens, setMaxTokens]}
          />
          <ErrorText error={create.error} />
          <button type="submit" className="primary" disabled={create.isPending || !models.data}>
            Create platform agent
          </button>
        </>
      )}
    </form>
  );
}

/** The settings of one platform agent, read and changed through `getPlatform` / `updatePlatform`. */
export function EditPlatformAgent({ id, onDone }: { id: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.human.agents.getPlatform.queryOptions({ id }));
  if (settings.isPending) return <Spinner label="Loading its settings…" />;
  if (settings.error) return <ErrorText error={settings.error} />;
  return (
    <SettingsForm
      key={settings.data.data.updated_at}
      settings={settings.data.data}
      onSaved={() => {
        void queryClient.invalidateQueries(trpc.human.agents.getPlatform.queryFilter({ id }));
        void queryClient.invalidateQueries(trpc.human.agents.list.pathFilter());
        onDone();
      }}
      onCancel={onDone}
    />
  );
}

type Settings = Outputs['agents']['getPlatform']['data'];

function SettingsForm({
  settings,
  onSaved,
  onCancel,
}: {
  settings: Settings;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const [name, setName] = useState(settings.name);
  const [description, setDescription] = useState(settings.description ?? '');
  const [instructions, setInstructions] = useState(settings.instructions);
  const [model, setModel] = useState(settings.model);
  const [temperature, setTemperature] = useState(settings.temperature?.toString() ?? '');
  const [topP, setTopP] = useState(settings.top_p?.toString() ?? '');
  const [maxTokens, setMaxTokens] = useState(settings.max_tokens?.toString() ?? '');
  const update = useMutation(trpc.human.agents.updatePlatform.mutationOptions({ onSuccess: onSaved }));
  // A model the operator has withdrawn stays visible, so saving other fields does not change it.
  const models = settings.available_models.includes(settings.model)
    ? settings.available_models
    : [settings.model, ...settings.available_models];
  return (
    <form
      className="stack edit-agent"
      aria-label={`Settings of ${settings.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({
          id: settings.id,
          agent: {
            name,
            description,
            instructions,
            ...(model !== settings.model ? { model } : {}),
            temperature: optionalNumber(temperature),
            top_p: optionalNumber(topP),
            max_tokens: optionalNumber(maxTokens),
          },
        });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <AgentTextFields
        name={[name, setName]}
        description={[description, setDescription]}
        instructions={[instructions, setInstructions]}
      />
      <label>
        Model
        <select value={model} onChange={(e) => setModel(e.target.value)}>
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
              {settings.available_models.includes(m) ? '' : ' (no longer offered)'}
            </option>
          ))}
        </select>
      </label>
      <GenerationFields
        temperature={[temperature, setTemperature]}
        topP={[topP, setTopP]}
        maxTokens={[maxTokens, setMaxTokens]}
      />
      <ErrorText error={update.error} />
      <div className="inline-form">
        <button type="submit" className="primary" disabled={update.isPending}>
          Save settings
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
