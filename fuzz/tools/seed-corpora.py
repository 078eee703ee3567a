#!/usr/bin/env python3
"""Writes fuzz/corpus/<target>/ from the committed vectors (inputs only; names are the vector ids).
Run from the repository root: python3 fuzz/tools/seed-corpora.py. Idempotent."""
import base64, json, os, re

def tests(path):
    return json.load(open(os.path.join('vectors', path)))['tests']

corpus = {}
def add(target, name, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    corpus.setdefault(target, {})[re.sub(r'[^a-z0-9.-]+', '-', name.lower())] = data

for f in ['bolt11/bolt11-spec-examples.json', 'bolt11/bolt11-crafted.json', 'bolt11/bolt11-eclair.json']:
    for t in tests(f):
        if t['op'] == 'bolt11.decode':
            inv = t['input']['invoice']
            add('bolt11', t['id'], inv)
            if t['result'] == 'valid':
                add('bolt11-signature', t['id'], inv)
                add('bech32', t['id'], inv.lower())
for t in tests('nip19/nip19.json'):
    if t['op'] == 'nip19.decode':
        add('nip19', t['id'], t['input']['bech32'])
        add('bech32', t['id'], t['input']['bech32'])
# BIP-173 and BIP-350 valid examples.
for i, s in enumerate(['A12UEL5L', 'a12uel5l', 'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw', 'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w', '?1ezyfcl', 'a1lqfn3a', 'abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx']):
    add('bech32', f'bip173-350-example-{i}', s)

mac_texts = []
for f in ['macaroons/macaroon-upstream.json', 'macaroons/macaroon-crafted.json', 'l402/l402-derived-token.json']:
    for t in tests(f):
        if t['op'] == 'macaroon.decode':
            mac_texts.append((t['id'], t['input']['macaroon']))
for name, text in mac_texts:
    add('macaroon-text', name, text)
    if text.startswith('{'):
        add('macaroon-json', name, text)
        continue
    try:
        s = text.strip().replace('-', '+').replace('_', '/')
        raw = base64.b64decode(s + '=' * (-len(s) % 4))
    except Exception:
        continue
    if raw[:1] == b'\x02':
        add('macaroon-v2', name, raw)
    elif re.fullmatch(rb'[0-9a-f]{4}.*', raw[:4], re.S):
        add('macaroon-v1', name, raw)
    add('base64', name, text)

for t in tests('l402/l402-grammar.json') + tests('l402/l402-derived-token.json'):
    if t['op'] == 'l402.parse_challenge':
        for i, h in enumerate(t['input']['headers']):
            add('l402-challenge', f"{t['id']}-{i}", h)
    elif t['op'] == 'l402.parse_credential':
        h = t['input'].get('header') or (t['input'].get('headers') or [''])[0]
        add('l402-credential', t['id'], h)

events = []
for t in tests('nostr/nostr-events.json'):
    if t['op'] == 'nostr.verify_event':
        ev = t['input'].get('event', t['input'].get('event_json'))
        if isinstance(ev, dict):
            events.append((t['id'], ev))
            add('nostr-event', t['id'], json.dumps(ev, separators=(',', ':'), ensure_ascii=False))
        else:
            add('nostr-event', t['id'], ev)
for name, ev in events[:6]:
    add('nostr-relay-message', 'event-' + name, json.dumps(['EVENT', 'sub1', ev], separators=(',', ':')))
    add('nostr-client-message', 'event-' + name, json.dumps(['EVENT', ev], separators=(',', ':')))
eid = events[0][1]['id'] if events else '0' * 64
for name, msg in [('ok-true', ['OK', eid, True, '']), ('ok-false', ['OK', eid, False, 'blocked: no']), ('eose', ['EOSE', 'sub1']),
                  ('closed', ['CLOSED', 'sub1', 'error: shutting down']), ('notice', ['NOTICE', 'hello']), ('auth', ['AUTH', 'challenge'])]:
    add('nostr-relay-message', name, json.dumps(msg))
for name, msg in [('req', ['REQ', 'sub1', {'ids': [eid], 'authors': [eid], 'kinds': [1, 30023], '#e': [eid], '#p': [eid], 'since': 1, 'until': 2000000000, 'limit': 10}]),
                  ('req-two-filters', ['REQ', 's', {'kinds': [0]}, {'search': 'x'}]), ('close', ['CLOSE', 'sub1'])]:
    add('nostr-client-message', name, json.dumps(msg))

for t in tests('nip44/nip44-vectors.json'):
    if t['op'] == 'nip44.decrypt':
        add('nip44-payload', t['id'], t['input']['payload'])
        add('base64', t['id'], t['input']['payload'])
    elif t['op'] == 'nip44.encrypt' and t['input'].get('conversation_key') == 'c41c775356fd92eadc63ff5a0dc1da211b268cbea22316767095b2871ea1412d' and 'payload' in t.get('expected', {}):
        add('nip44-payload', t['id'], t['expected']['payload'])

add('test-planted-magic', 'start', b'hello, fuzzing')
for target, files in corpus.items():
    d = os.path.join('fuzz', 'corpus', target)
    os.makedirs(d, exist_ok=True)
    for name, data in files.items():
        with open(os.path.join(d, name), 'wb') as fh:
            fh.write(data)
    print(target, len(files))

# Smaller parsers.
more = {}
def add2(target, name, data):
    if isinstance(data, str):
        data = data.encode('utf-8')
    d = os.path.join('fuzz', 'corpus', target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, re.sub(r'[^a-z0-9.-]+', '-', name.lower())), 'wb') as fh:
        fh.write(data)
    more[target] = more.get(target, 0) + 1

for t in tests('ecdsa/wycheproof-ecdsa-secp256k1-sha256-bitcoin.json')[:60]:
    add2('der-signature', t['id'], bytes.fromhex(t['input']['signature']))
for t in tests('ecdh/wycheproof-ecdh-secp256k1.json')[:60]:
    try:
        add2('spki', t['id'], bytes.fromhex(t['input']['pubkey_spki']))
    except (KeyError, ValueError):
        pass
for i, s in enumerate(['00ff10ab', 'DEADbeef', '', '0', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', '111', '3yQ', '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ',
                       'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi']):
    add2('hex-base58', f'example-{i}', s)
add2('tlv8-uvarint', 'nprofile-tlv', b'\x00\x20' + bytes(range(32)) + b'\x01\x0dwss://r.x.com')
add2('tlv8-uvarint', 'varint-300', b'\xac\x02')
add2('tlv8-uvarint', 'varint-max', b'\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01')
add2('tlv8-uvarint', 'naddr-tlv', b'\x00\x03abc\x02\x20' + bytes(32) + b'\x03\x04\x00\x00\x75\x23')
add2('l402-identifier-caveats', 'identifier-v0', b'\x00\x00' + bytes(range(32)) + bytes(range(32, 64)))
add2('l402-identifier-caveats', 'caveats', 'services=svc:0,other:1\nsvc_capabilities=read,write\nsvc_valid_until=4102444800\npreimage=00')
for i, f in enumerate([{'ids': ['ab' * 32], 'authors': ['cd' * 32], 'kinds': [0, 1], '#e': ['ef' * 32], 'since': 0, 'until': 1767225600, 'limit': 5},
                       {}, {'search': 'best nostr apps', '#t': ['x']}, {'kinds': [65535], 'limit': 0}]):
    add2('nostr-filter', f'filter-{i}', json.dumps(f))
for k, v in more.items():
    print(k, v)

for t in tests('nip44/nip44-vectors.json'):
    if t['op'] == 'nip44.get_conversation_key':
        try:
            add2('nip44-conversation-key', t['id'], bytes.fromhex(t['input']['sec1']) + bytes.fromhex(t['input']['pub2']))
        except (KeyError, ValueError):
            pass
print('nip44-conversation-key', more.get('nip44-conversation-key'))

# CLINK pointers and payloads, NWC URIs and payloads.
for t in tests('clink/clink-pointers.json'):
    if t['op'] == 'clink.decode_pointer':
        add2('clink-pointer', t['id'], t['input']['pointer'])
        add2('bech32', t['id'], t['input']['pointer'].lower())
kinds = {'offer': 'clink-offer-request', 'debit': 'clink-debit-request', 'manage': 'clink-manage-request'}
for t in tests('clink/clink-messages.json'):
    if t['op'] == 'clink.parse_request' and t['input']['kind'] in kinds:
        payload = t['input']['payload']
        add2(kinds[t['input']['kind']], t['id'], payload if isinstance(payload, str) else json.dumps(payload, separators=(',', ':')))
for t in tests('nwc/nwc.json'):
    if t['op'] == 'nwc.parse_uri':
        add2('nwc-uri', t['id'], t['input']['uri'])
    elif t['op'] in ('nwc.parse_request', 'nwc.parse_response'):
        content = t['input']['content']
        add2('nwc-request' if t['op'] == 'nwc.parse_request' else 'nwc-response', t['id'], content if isinstance(content, str) else json.dumps(content, separators=(',', ':')))

