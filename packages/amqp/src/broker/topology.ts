/** Where the service reads and writes on the broker. */
export interface Topology {
  /** The durable queue consumed; several services on one queue share the work. */
  readonly queue: string;
  /** The topic exchange bound to and announced on. */
  readonly exchange: string;
  /** Routing keys bound to the queue. */
  readonly bindings: readonly string[];
  /** Unacked deliveries held at once. */
  readonly prefetch: number;
}

export const DEFAULT_TOPOLOGY: Topology = { queue: 'accolade', exchange: 'amq.topic', bindings: ['#'], prefetch: 10 };

export const deadLetterQueue = (queue: string): string => `${queue}.dead`;
