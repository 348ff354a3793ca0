#!/usr/bin/env node
// Publish messages (one fedora-messaging JSON object per line) to the broker, as
// fedora-messaging publishers do, so a running `accolade serve` has something to award.
//   node examples/service/publish.mjs examples/fedora/messages.jsonl [amqp-url] [exchange]
import { readFileSync } from 'node:fs';
import amqp from 'amqplib';
import { encodeMessage } from '@accolade/amqp';

const [file, url = process.env.ACCOLADE_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672/%2F', exchange = 'amq.topic'] = process.argv.slice(2);
if (file === undefined) {
  console.error('usage: node examples/service/publish.mjs <messages.jsonl> [amqp-url] [exchange]');
  process.exit(2);
}
const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
const connection = await amqp.connect(url);
const channel = await connection.createConfirmChannel();
for (const line of lines) {
  const out = encodeMessage(JSON.parse(line));
  channel.publish(exchange, out.routingKey, out.content, out.properties);
}
await channel.waitForConfirms();
await connection.close();
console.error(`published ${lines.length} messages to ${exchange}`);
