import { randomBytes } from 'node:crypto';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { encodeMessage, type PublishableMessage } from '@accolade/amqp';

export const AMQP_URL = process.env['ACCOLADE_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672/%2F';

export interface Announcement {
  announcementId: string;
  routingKey: string;
  headers: Record<string, unknown>;
  body: { badge: { badge_id: string }; user: { username: string }; message_id: string | null };
}

/**
 * A topic exchange and a queue name of a test's own on the real broker,
 * a queue that collects every award announced on that exchange, and the
 * means to publish as fedora-messaging does. Everything is deleted afterwards.
 */
export class TestBroker {
  readonly announcements: Announcement[] = [];

  private constructor(
    private readonly model: ChannelModel, private readonly channel: ConfirmChannel, private readonly listener: Channel,
    readonly exchange: string, readonly queue: string, private readonly announcementQueue: string,
  ) {}

  static async open(): Promise<TestBroker> {
    const tag = randomBytes(5).toString('hex');
    const model = await amqp.connect(AMQP_URL);
    const channel = await model.createConfirmChannel();
    const listener = await model.createChannel();
    const exchange = `accolade-test-${tag}`;
    await channel.assertExchange(exchange, 'topic', { durable: false, autoDelete: false });
    const announcements = `accolade-test-${tag}-announcements`;
    await listener.assertQueue(announcements, { durable: false });
    await listener.bindQueue(announcements, exchange, '#.fedbadges.badge.award');
    await listener.bindQueue(announcements, exchange, 'fedbadges.badge.award');
    const broker = new TestBroker(model, channel, listener, exchange, `accolade-test-${tag}`, announcements);
    await listener.consume(announcements, (m) => {
      if (m === null) return;
      broker.announcements.push({
        announcementId: String(m.properties.messageId), routingKey: m.fields.routingKey, headers: m.properties.headers ?? {},
        body: JSON.parse(m.content.toString('utf8')) as Announcement['body'],
      });
    }, { noAck: true });
    return broker;
  }

  /** Publish in fedora-messaging's wire format, confirmed. */
  async publish(messages: readonly PublishableMessage[]): Promise<void> {
    for (const m of messages) {
      const out = encodeMessage(m);
      this.channel.publish(this.exchange, out.routingKey, out.content, out.properties);
    }
    await this.channel.waitForConfirms();
  }

  /** A delivery exactly as given (for the poison messages). */
  async publishRaw(routingKey: string, content: Buffer, properties: amqp.Options.Publish): Promise<void> {
    this.channel.publish(this.exchange, routingKey, content, properties);
    await this.channel.waitForConfirms();
  }

  async depth(queue = this.queue): Promise<number> {
    return (await this.listener.checkQueue(queue)).messageCount;
  }

  /** Everything in the dead-letter queue, with the reason the service gave. */
  async deadLetters(): Promise<Array<{ messageId: unknown; reason: unknown; content: string }>> {
    const out = [];
    for (;;) {
      const m = await this.listener.get(`${this.queue}.dead`, { noAck: true });
      if (m === false) return out;
      out.push({ messageId: m.properties.messageId, reason: m.properties.headers?.['x-accolade-reason'], content: m.content.toString('latin1') });
    }
  }

  async close(): Promise<void> {
    for (const q of [this.queue, `${this.queue}.dead`, this.announcementQueue]) await this.listener.deleteQueue(q).catch(() => {});
    await this.channel.deleteExchange(this.exchange).catch(() => {});
    await this.model.close().catch(() => {});
  }
}
