// Drives the npm macaroon (js-macaroon 3.0.4) and lsat-js packages for LnConform's interop tests.
// Usage (one JSON line of output per call):
//   node l402-peers.mjs verify <token-base64> <root-key-hex> [caveat ...]   -> {"ok":true} | {"ok":false,"error":"..."}
//   node l402-peers.mjs mint <root-key-hex> <identifier-hex> <location> [caveat ...] -> {"token":"<standard base64 V2>"}
//   node l402-peers.mjs lsat-parse <WWW-Authenticate value>                 -> {"paymentHash":"...","invoice":"..."}
import { importMacaroon, newMacaroon } from 'macaroon';
import lsat from 'lsat-js';

const [command, ...args] = process.argv.slice(2);
const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');

try {
  if (command === 'verify') {
    const [token, rootKey, ...caveats] = args;
    const m = importMacaroon(Uint8Array.from(Buffer.from(token, 'base64')));
    m.verify(hex(rootKey), (condition) => (caveats.includes(condition) ? null : `unsatisfied: ${condition}`), []);
    out({ ok: true });
  } else if (command === 'mint') {
    const [rootKey, identifier, location, ...caveats] = args;
    const m = newMacaroon({ version: 2, rootKey: hex(rootKey), identifier: hex(identifier), location });
    for (const caveat of caveats) m.addFirstPartyCaveat(caveat);
    out({ token: Buffer.from(m.exportBinary()).toString('base64') });
  } else if (command === 'lsat-parse') {
    const parsed = lsat.Lsat.fromHeader(args[0]);
    out({ paymentHash: parsed.paymentHash, invoice: parsed.invoice });
  } else {
    throw new Error(`unknown command ${command}`);
  }
} catch (e) {
  out({ ok: false, error: String(e && e.message ? e.message : e) });
}
