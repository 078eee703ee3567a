// CLINK interop for LnConform: @shocknet/clink-sdk 1.5.4 as the client of our reference CLINK service, over our
// mock relay. Every command prints one JSON line on stdout; the SDK's own logging goes to stderr.
//   node clink-peers.mjs decode <pointer>...            -> [{type, data} | {error}]
//   node clink-peers.mjs offer <noffer> [amount_sats]   -> {decoded, response}
//   node clink-peers.mjs debit <ndebit> <bolt11> <sats> -> {decoded, response}
//   node clink-peers.mjs manage <nmanage>               -> {create, get, list, update, delete, getAfterDelete}
// specs/clink.md §8 pitfalls handled here: Node 20 has no global WebSocket (set it before the SDK's pool connects);
// the SDK makes its own SimplePool; Ndebit and Nmanage wait forever unless given a timeout (we pass one); a reply
// that fails to decrypt rejects inside an async onevent, so an unhandledRejection handler keeps the process alive.
import WebSocket from 'ws';
globalThis.WebSocket = WebSocket;
const { ClinkSDK, decodeBech32, generateSecretKey, newNdebitPaymentRequest, newCreateRequest, newGetRequest, newListRequest,
  newUpdateRequest, newDeleteRequest } = await import('@shocknet/clink-sdk');

console.log = (...args) => console.error(...args);
process.on('unhandledRejection', (reason) => console.error('unhandledRejection', String(reason)));
const out = (o) => new Promise((resolve) => process.stdout.write(JSON.stringify(o) + '\n', resolve));
const TIMEOUT = 20;

function decode(pointer) {
  try {
    return decodeBech32(pointer);
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
}

function sdkFor(data) {
  return new ClinkSDK({ privateKey: generateSecretKey(), relays: [data.relay], toPubKey: data.pubkey, defaultTimeoutSeconds: TIMEOUT });
}

async function call(promise) {
  try {
    return await promise;
  } catch (e) {
    return { thrown: String(e?.message ?? e) };
  }
}

async function offer(noffer, amount) {
  const decoded = decode(noffer);
  if (decoded.error) return { decoded };
  const sdk = sdkFor(decoded.data);
  const request = { offer: decoded.data.offer };
  if (amount !== undefined) request.amount_sats = Number(amount);
  const response = await call(sdk.Noffer(request, undefined, TIMEOUT));
  sdk.pool.close([decoded.data.relay]);
  return { decoded, response };
}

async function debit(ndebit, bolt11, sats) {
  const decoded = decode(ndebit);
  if (decoded.error) return { decoded };
  const sdk = sdkFor(decoded.data);
  const response = await call(sdk.Ndebit(newNdebitPaymentRequest(bolt11, Number(sats), decoded.data.pointer), TIMEOUT));
  sdk.pool.close([decoded.data.relay]);
  return { decoded, response };
}

async function manage(nmanage) {
  const decoded = decode(nmanage);
  if (decoded.error) return { decoded };
  const sdk = sdkFor(decoded.data);
  const pointer = decoded.data.pointer;
  const create = await call(sdk.Nmanage(newCreateRequest('Interop widget', { price_sats: 321, payer_data: ['email'] }, pointer), TIMEOUT));
  const id = create?.details?.id;
  const get = await call(sdk.Nmanage(newGetRequest(id), TIMEOUT));
  const list = await call(sdk.Nmanage(newListRequest(pointer), TIMEOUT));
  const update = await call(sdk.Nmanage(newUpdateRequest({ ...create.details, label: 'Renamed widget', price_sats: 654 }), TIMEOUT));
  const del = await call(sdk.Nmanage(newDeleteRequest(id), TIMEOUT));
  const getAfterDelete = await call(sdk.Nmanage(newGetRequest(id), TIMEOUT));
  sdk.pool.close([decoded.data.relay]);
  return { create, get, list, update, delete: del, getAfterDelete };
}

const [command, ...args] = process.argv.slice(2);
let result;
if (command === 'decode') result = args.map(decode);
else if (command === 'offer') result = await offer(args[0], args[1]);
else if (command === 'debit') result = await debit(args[0], args[1], args[2]);
else if (command === 'manage') result = await manage(args[0]);
else { process.stderr.write(`unknown command ${command}\n`); process.exit(2); }
await out(result);
process.exit(0);
