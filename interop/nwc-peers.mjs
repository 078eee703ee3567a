// NWC interop for LnConform: @getalby/sdk's NWCClient against a wallet service (ours, over our relay).
//   node nwc-peers.mjs client <nwc-uri> <invoice-to-pay>  -> one JSON line: what the SDK saw, method by method
//   node nwc-peers.mjs parse-uri < [uri, ...]             -> one JSON array: NWCClient.parseWalletConnectUrl of each
//   node nwc-peers.mjs serve <relay> <wallet-secret> <client-pubkey> <preimage>
//        -> the SDK's NWCWalletService with a scripted wallet; prints {"ready":true}, serves until stdin closes
// Node 20 has no global WebSocket: the SDK's relay pool needs one, so it is set before the SDK loads.
import WebSocket from 'ws';

globalThis.WebSocket = WebSocket;
const { NWCClient, NWCWalletService, NWCWalletServiceKeyPair } = await import('@getalby/sdk/nwc');
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const readStdin = async () => { let s = ''; for await (const c of process.stdin) s += c; return s; };

// Runs one call; a failure becomes {error, code} (the SDK's Nip47Error carries the wallet's code).
async function attempt(f) {
  try { return { ok: true, value: await f() }; } catch (e) { return { ok: false, error: String(e?.message ?? e), code: e?.code ?? null }; }
}

async function client(uri, invoice) {
  const nwc = new NWCClient({ nostrWalletConnectUrl: uri });
  const result = {};
  result.serviceInfo = await attempt(() => nwc.getWalletServiceInfo());
  result.getInfo = await attempt(() => nwc.getInfo());
  result.encryption = nwc.encryptionType;
  result.balance = await attempt(() => nwc.getBalance());
  result.makeInvoice = await attempt(() => nwc.makeInvoice({ amount: 2100, description: 'interop: @getalby/sdk', expiry: 600 }));
  if (result.makeInvoice.ok) result.lookupMade = await attempt(() => nwc.lookupInvoice({ payment_hash: result.makeInvoice.value.payment_hash }));
  result.payInvoice = await attempt(() => nwc.payInvoice({ invoice }));
  result.payAgain = await attempt(() => nwc.payInvoice({ invoice }));
  result.lookupUnknown = await attempt(() => nwc.lookupInvoice({ payment_hash: '00'.repeat(32) }));
  result.balanceAfter = await attempt(() => nwc.getBalance());
  result.listTransactions = await attempt(() => nwc.listTransactions({ limit: 10 }));
  nwc.close();
  out(result);
}

async function parseUris() {
  const uris = JSON.parse(await readStdin());
  out(uris.map((u) => {
    try {
      const o = NWCClient.parseWalletConnectUrl(u, true);
      return { ok: true, pubkey: o.walletPubkey, relays: o.relayUrls, secret: o.secret ?? null, lud16: o.lud16 ?? null };
    } catch (e) {
      return { ok: false, error: String(e?.message ?? e) };
    }
  }));
}

// A scripted wallet behind the SDK's wallet service: fixed answers, pay_invoice returns the given preimage
// (for "lnbcrt-poor": INSUFFICIENT_BALANCE), lookup_invoice NOT_FOUND, list_transactions left out (NOT_IMPLEMENTED).
async function serve(relay, walletSecret, clientPubkey, preimage) {
  const service = new NWCWalletService({ relayUrls: [relay] });
  const methods = ['get_info', 'get_balance', 'make_invoice', 'pay_invoice', 'lookup_invoice'];
  await service.publishWalletServiceInfoEvent(walletSecret, methods, []);
  const now = () => Math.floor(Date.now() / 1000);
  const ok = (result) => ({ result, error: undefined });
  const unsubscribe = await service.subscribe(new NWCWalletServiceKeyPair(walletSecret, clientPubkey), {
    getInfo: async () => ok({ alias: 'alby-sdk-service', color: '#000000', pubkey: '02' + '11'.repeat(32), network: 'regtest', block_height: 1, block_hash: '00'.repeat(32), methods }),
    getBalance: async () => ok({ balance: 21000 }),
    makeInvoice: async (r) => ok({ type: 'incoming', state: 'pending', invoice: 'lnbcrt1scripted', payment_hash: '22'.repeat(32), amount: r.amount, fees_paid: 0, created_at: now(), expires_at: now() + (r.expiry ?? 3600), description: r.description }),
    payInvoice: async (r) => (r.invoice === 'lnbcrt-poor'
      ? { result: undefined, error: { code: 'INSUFFICIENT_BALANCE', message: 'scripted: not enough' } }
      : ok({ preimage, fees_paid: 0 })),
    lookupInvoice: async () => ({ result: undefined, error: { code: 'NOT_FOUND', message: 'scripted: nothing here' } }),
  });
  out({ ready: true });
  await readStdin();
  unsubscribe();
  service.close();
}

const [command, ...args] = process.argv.slice(2);
if (command === 'client') await client(args[0], args[1]);
else if (command === 'parse-uri') await parseUris();
else if (command === 'serve') await serve(args[0], args[1], args[2], args[3]);
else { process.stderr.write('usage: node nwc-peers.mjs client <nwc-uri> <invoice> | parse-uri < uris.json | serve <relay> <wallet-secret> <client-pubkey> <preimage>\n'); process.exit(2); }
process.exit(0);
