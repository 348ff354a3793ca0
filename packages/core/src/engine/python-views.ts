import { PyDateTime, PyObject } from '../expressions/python/values.js';
import { asMessage } from '../message/create-message.js';
import type { Message } from '../message/message.js';
import type { MessageInput } from '../message/message-input.js';
import type { HistoryRow } from '../stores/history-store.js';

/** The `message` rules see: fedora-messaging's Message attributes, read-only. */
export function messageObject(message: Message): PyObject {
  return new PyObject('Message', {
    id: message.id,
    topic: message.topic,
    body: message.body,
    headers: message.headers,
    timestamp: new PyDateTime(message.timestamp.getTime()),
    category: message.category,
    agent_name: message.agent_name,
    usernames: message.usernames,
    packages: message.packages,
    groups: message.groups,
    containers: message.containers,
    modules: message.modules,
    flatpaks: message.flatpaks,
  });
}

/** The fedmsg-style dict fedbadges 1.x lambdas receive as `msg`. */
export function fedmsgEnvelope(message: Message): Record<string, unknown> {
  return {
    topic: message.topic,
    msg: message.body,
    msg_id: message.id,
    timestamp: message.timestamp.getTime() / 1000,
    i: 1,
    username: message.agent_name,
    headers: message.headers,
  };
}

const rowViews = new WeakMap<HistoryRow, PyObject>();

/** A history row as datanommer's Message object: `r.msg`, `r.topic`, `r.users[0].name`... */
export function historyRowObject(row: HistoryRow): PyObject {
  let view = rowViews.get(row);
  if (view === undefined) {
    view = new PyObject('Message', {
      msg: row.msg,
      topic: row.topic,
      category: row.category,
      timestamp: new PyDateTime(row.timestamp.getTime()),
      agent_name: row.agent_name,
      msg_id: row.msg_id,
      headers: row.headers,
      users: row.users.map((name) => new PyObject('User', { name })),
      packages: row.packages.map((name) => new PyObject('Package', { name })),
    });
    rowViews.set(row, view);
  }
  return view;
}

/** The names a rule expression sees for a message (a Message or fedora-messaging JSON): `message` and the 1.x `msg` envelope. */
export function messageBindings(input: Message | MessageInput): { message: PyObject; msg: Record<string, unknown> } {
  const message = asMessage(input);
  return { message: messageObject(message), msg: fedmsgEnvelope(message) };
}
