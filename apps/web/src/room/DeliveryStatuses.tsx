import type { ChatMessage } from '../trpc.js';

interface Delivery {
  status?: string;
  attempts?: { error?: string | null }[];
}

const LABEL: Record<string, string> = {
  delivered: 'delivered',
  processing: 'working…',
  processed: 'done',
  failed: 'failed',
};

/** Per mentioned agent: delivered → processing → processed, or failed with the agent's error. */
export function DeliveryStatuses({ message, names }: { message: ChatMessage; names: Map<string, string> }) {
  const statuses = message.metadata.delivery_status as Record<string, Delivery> | undefined;
  if (!statuses || Object.keys(statuses).length === 0) return null;
  return (
    <ul className="deliveries" aria-label="Delivery to agents">
      {Object.entries(statuses).map(([agentId, delivery]) => {
        const status = delivery.status ?? 'delivered';
        const error = status === 'failed' ? delivery.attempts?.findLast((a) => a.error)?.error : undefined;
        return (
          <li key={agentId} className={`delivery ${status}`} data-testid="delivery" data-status={status}>
            <span className="dot" aria-hidden="true" />
            {`${names.get(agentId) ?? 'agent'}: ${LABEL[status] ?? status}`}
            {error && <span className="delivery-error">{` (${error})`}</span>}
          </li>
        );
      })}
    </ul>
  );
}
