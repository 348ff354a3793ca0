import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import { type Topology, deadLetterQueue } from './topology.js';

/** A publish to send with confirms. */
export interface Publication {
  readonly exchange: string;
  readonly routingKey: string;
  readonly content: Buffer;
  readonly options: amqp.Options.Publish;
}

/**
 * One connection to the broker: a channel that consumes the queue and a
 * confirm channel that publishes. When either closes, the whole session is
 * over (`closed` resolves): its unacked deliveries go back to the queue, and
 * the service opens a new session and declares the topology again.
 */
export class BrokerSession {
  readonly closed: Promise<Error | null>;
  private ended = false;
  private endWith!: (reason: Error | null) => void;
  private consumerTag: string | null = null;

  private constructor(private readonly model: ChannelModel, private readonly consumer: Channel, private readonly publisher: ConfirmChannel) {
    this.closed = new Promise((resolve) => { this.endWith = resolve; });
    const end = (reason: Error | null): void => {
      if (this.ended) return;
      this.ended = true;
      this.endWith(reason);
    };
    model.on('error', (error: Error) => end(error));
    model.on('close', (error?: Error) => end(error ?? new Error('the broker connection closed')));
    for (const channel of [consumer, publisher]) {
      channel.on('error', (error: Error) => end(error));
      channel.on('close', () => end(new Error('a broker channel closed')));
    }
  }

  /** Connect, declare the queue, its bindings and its dead-letter queue, and set the prefetch. */
  static async open(url: string, topology: Topology, connectionName: string): Promise<BrokerSession> {
    const model = await amqp.connect(url, { clientProperties: { connection_name: connectionName } });
    try {
      const consumer = await model.createChannel();
      const publisher = await model.createConfirmChannel();
      await consumer.assertQueue(topology.queue, { durable: true });
      await consumer.assertQueue(deadLetterQueue(topology.queue), { durable: true });
      for (const key of topology.bindings) await consumer.bindQueue(topology.queue, topology.exchange, key);
      await consumer.prefetch(topology.prefetch);
      return new BrokerSession(model, consumer, publisher);
    } catch (error) {
      await model.close().catch(() => {});
      throw error;
    }
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Start delivering; `onDelivery` is called in delivery order. */
  async consume(queue: string, onDelivery: (delivery: ConsumeMessage) => void): Promise<void> {
    const reply = await this.consumer.consume(queue, (delivery) => {
      if (delivery === null) this.endWith(new Error(`the broker cancelled the consumer of ${queue}`));
      else onDelivery(delivery);
    });
    this.consumerTag = reply.consumerTag;
  }

  /** Stop new deliveries (for a graceful stop); the ones held can still be acked. */
  async stopConsuming(): Promise<void> {
    if (this.consumerTag === null || this.ended) return;
    const tag = this.consumerTag;
    this.consumerTag = null;
    await this.consumer.cancel(tag);
  }

  /** False when the session ended: the delivery will come again, to whoever consumes next. */
  ack(delivery: ConsumeMessage): boolean {
    if (this.ended) return false;
    try {
      this.consumer.ack(delivery);
      return true;
    } catch {
      return false;
    }
  }

  /** Publish all and resolve when the broker confirmed every one; reject when any is refused or the session ends. */
  async publish(items: readonly Publication[]): Promise<void> {
    if (items.length === 0) return;
    if (this.ended) throw new Error('the broker session is closed');
    const confirms = items.map((item) => new Promise<void>((resolve, reject) => {
      this.publisher.publish(item.exchange, item.routingKey, item.content, item.options, (error: unknown) => {
        if (error) reject(error instanceof Error ? error : new Error(`the broker refused the publish to ${item.routingKey}`));
        else resolve();
      });
    }));
    const ended = this.closed.then((reason) => { throw reason ?? new Error('the broker session closed'); });
    await Promise.race([Promise.all(confirms), ended]);
  }

  /** Messages waiting in the queue (for the lag metrics). */
  async queueDepth(queue: string): Promise<number> {
    const reply = await this.consumer.checkQueue(queue);
    return reply.messageCount;
  }

  async close(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      this.endWith(null);
    }
    await this.model.close().catch(() => {});
  }
}
