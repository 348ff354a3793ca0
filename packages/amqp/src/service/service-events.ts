/**
 * What the service tells its host (the CLI logs each as a JSON line and
 * counts it in the metrics); the library itself never prints.
 */
export type ServiceEvent =
  | { type: 'ready'; rules: number }
  | { type: 'broker-connected'; queue: string }
  | { type: 'broker-lost'; error: string; retryInMs: number }
  | { type: 'processed'; messageId: string; topic: string; awards: number; seconds: number; lagSeconds: number; redelivered: boolean }
  | { type: 'award'; badgeId: string; user: string; messageId: string; file: string }
  | { type: 'announced'; badgeId: string; user: string; announcementId: string; messageId: string | null }
  | { type: 'dead-lettered'; messageId: string | null; topic: string; reason: string }
  | { type: 'store-fault'; messageId: string | null; error: string; attempt: number; retryInMs: number }
  | { type: 'processing-failed'; messageId: string; error: string; attempt: number; retryInMs: number }
  | { type: 'rule-error'; badgeId: string; file: string; line: number; column: number; path: string; messageId: string; text: string }
  | { type: 'rules-reloaded'; rules: number }
  | { type: 'queue-depth'; messages: number }
  | { type: 'health'; healthy: boolean; broker: boolean; store: boolean }
  | { type: 'stopped' };

export type ServiceListener = (event: ServiceEvent) => void;
