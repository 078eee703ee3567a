// Drives nostr-tools (and @nostr-relay/core) for LnConform's interop tests.
// Batch commands read a JSON array on stdin and write one JSON array on stdout, in order:
//   node nostr-peers.mjs nip44-encrypt     [{conversation_key, nonce, plaintext}]  -> [payload]
//   node nostr-peers.mjs nip44-decrypt     [{conversation_key, payload}]           -> [plaintext | {error}]
//   node nostr-peers.mjs conversation-key  [{sec, pub}]                            -> [conversation_key]
//   node nostr-peers.mjs event-id          [{pubkey, created_at, kind, tags, content}] -> [id]
//   node nostr-peers.mjs verify-event      [event]                                  -> [true | false]
//   node nostr-peers.mjs sign              [{sec, created_at, kind, tags, content}]  -> [event]
import { finalizeEvent, getEventHash, verifyEvent, nip44 } from 'nostr-tools';

const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b) => Buffer.from(b).toString('hex');

const commands = {
  'nip44-encrypt': (x) => nip44.v2.encrypt(x.plaintext, hex(x.conversation_key), hex(x.nonce)),
  'nip44-decrypt': (x) => {
    try { return nip44.v2.decrypt(x.payload, hex(x.conversation_key)); } catch (e) { return { error: String(e.message ?? e) }; }
  },
  'conversation-key': (x) => toHex(nip44.v2.utils.getConversationKey(hex(x.sec), x.pub)),
  'event-id': (x) => getEventHash(x),
  'verify-event': (x) => verifyEvent(x),
  'sign': (x) => finalizeEvent({ created_at: x.created_at, kind: x.kind, tags: x.tags, content: x.content }, hex(x.sec)),
};

const [command] = process.argv.slice(2);
const run = commands[command];
if (!run) {
  process.stderr.write(`unknown command ${command}\n`);
  process.exit(2);
}
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => process.stdout.write(JSON.stringify(JSON.parse(input).map(run)) + '\n'));
