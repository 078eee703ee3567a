// Relay interop for LnConform: nostr-tools as a client of a relay, and a relay built from
// @nostr-relay/core + ws (unpatched: @nostr-relay/common 0.0.40 ignores #tag filters when it
// broadcasts, shared/specs/toolchain.md §7).
//   node relay-peers.mjs client <ws-url>   -> one JSON line: what nostr-tools saw
//   node relay-peers.mjs serve             -> prints ws://127.0.0.1:PORT, serves until stdin closes
import { finalizeEvent, generateSecretKey, getPublicKey, matchFilter, verifyEvent } from 'nostr-tools';
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import { NostrRelay } from '@nostr-relay/core';
import { EventRepository } from '@nostr-relay/common';
import WebSocket, { WebSocketServer } from 'ws';

useWebSocketImplementation(WebSocket);
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function client(url) {
  const relay = await Relay.connect(url);
  const alice = generateSecretKey();
  const bob = getPublicKey(generateSecretKey());
  const me = getPublicKey(alice);
  const stored = finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [['p', me]], content: 'stored before the subscription' }, alice);
  const storedOk = await relay.publish(stored).then(() => true, (e) => String(e));
  const received = [];
  let eose = false;
  const sub = relay.subscribe([{ kinds: [1, 21001], '#p': [me] }], {
    onevent: (e) => received.push({ id: e.id, content: e.content, valid: verifyEvent(e) }),
    oneose: () => { eose = true; },
  });
  for (let i = 0; i < 50 && !eose; i++) await sleep(20);
  const live = finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [['p', me]], content: 'live, for me' }, alice);
  const other = finalizeEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [['p', bob]], content: 'live, for bob' }, alice);
  const ephemeral = finalizeEvent({ kind: 21001, created_at: Math.floor(Date.now() / 1000), tags: [['p', me]], content: 'ephemeral, for me' }, alice);
  const oks = await Promise.all([live, other, ephemeral].map((e) => relay.publish(e).then(() => true, (err) => String(err))));
  for (let i = 0; i < 50 && received.length < 3; i++) await sleep(20);
  await sleep(100);
  sub.close();
  relay.close();
  out({ eose, storedOk, oks, received, ids: { stored: stored.id, live: live.id, other: other.id, ephemeral: ephemeral.id } });
}

class MemoryRepository extends EventRepository {
  events = [];
  isSearchSupported() { return false; }
  upsert(event) {
    if (this.events.some((e) => e.id === event.id)) return { isDuplicate: true };
    this.events.push(event);
    return { isDuplicate: false };
  }
  find(filter) { return this.events.filter((e) => matchFilter(filter, e)); }
  async destroy() {}
}

function serve() {
  const relay = new NostrRelay(new MemoryRepository());
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () => out({ url: `ws://127.0.0.1:${server.address().port}` }));
  server.on('connection', (ws) => {
    relay.handleConnection(ws);
    ws.on('message', async (data) => {
      let message;
      try { message = JSON.parse(data.toString()); } catch { return; }
      if (Array.isArray(message)) await relay.handleMessage(ws, message);
    });
    ws.on('close', () => relay.handleDisconnect(ws));
  });
  process.stdin.resume();
  process.stdin.on('end', () => { server.close(); process.exit(0); });
}

const [command, arg] = process.argv.slice(2);
if (command === 'client') await client(arg);
else if (command === 'serve') serve();
else { process.stderr.write(`unknown command ${command}\n`); process.exit(2); }
