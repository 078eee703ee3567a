using System.Text;
using LnConform.Core.DataEncoders;
using LnConform.Core.L402;
using LnConform.Core.Nostr.Nip01;
using static LnConform.Fuzz.Targets.Invariants;

namespace LnConform.Fuzz.Targets;

/// <summary>Strict DER ECDSA signatures (BIP-66 shape): parse, re-encode the compact form, parse to the same R and S.</summary>
public sealed class DerSignatureTarget : IFuzzTarget
{
    public string Name => "der-signature";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!DerSignature.Parse(data).TryGetValue(out var sig, out _))
            return;
        var compact = DerSignature.ToCompact(sig.R, sig.S);
        if (!compact.TryGetValue(out var c, out _))
            return;
        var again = DerSignature.Parse(DerSignature.Encode(c));
        Check(again.IsValid, "the DER writer's output is refused");
        Same(DerSignature.ToCompact(again.Value.R, again.Value.S).Value, c, "R||S after a round trip");
    }
}

/// <summary>SubjectPublicKeyInfo for secp256k1 (the Wycheproof ECDH keys): parse, encode, parse.</summary>
public sealed class SubjectPublicKeyInfoTarget : IFuzzTarget
{
    public string Name => "spki";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!SubjectPublicKeyInfo.ParseSecp256k1(data).TryGetValue(out var point, out _))
            return;
        var again = SubjectPublicKeyInfo.ParseSecp256k1(SubjectPublicKeyInfo.EncodeSecp256k1(point));
        Check(again.IsValid, "the SPKI writer's output is refused");
        Same(again.Value, point, "point after a round trip");
    }
}

/// <summary>Hex, Base58 and Base58Check text (one input, three decoders), each round-tripped.</summary>
public sealed class TextEncodingsTarget : IFuzzTarget
{
    public string Name => "hex-base58";

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Text(data);
        if (Hex.Decode(text).TryGetValue(out var hex, out _))
            Same(Hex.Decode(Hex.Encode(hex.Bytes)).Value.Bytes, hex.Bytes, "hex after a round trip");
        if (Base58.Decode(text).TryGetValue(out var b58, out _))
            Same(Base58.Encode(b58), text, "base58 re-encodes to itself");
        if (Base58Check.Decode(text).TryGetValue(out var b58c, out _))
            Same(Base58Check.Encode(b58c), text, "base58check re-encodes to itself");
    }
}

/// <summary>TLV8 records (NIP-19's TLV) and LEB128 varints (macaroon V2): parse, write, parse.</summary>
public sealed class TlvVarintTarget : IFuzzTarget
{
    public string Name => "tlv8-uvarint";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (Tlv8.Parse(data).TryGetValue(out var records, out _))
            Same(Tlv8.Write(records), data, "TLV8 writes back the same bytes");
        if (UVarint.Read(data).TryGetValue(out var v, out _))
            Check(UVarint.Read(UVarint.Encode(v.Value)).Value.Value == v.Value, "uvarint after a round trip");
    }
}

/// <summary>The L402 identifier (version, payment hash, token id) and the L402 caveat satisfiers on caveat text.</summary>
public sealed class L402IdentifierCaveatsTarget : IFuzzTarget
{
    private static readonly L402CaveatContext Context = new("svc", DateTimeOffset.FromUnixTimeSeconds(1_767_225_600)) { Capability = "read" };

    public string Name => "l402-identifier-caveats";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (L402Identifier.Decode(data).TryGetValue(out var id, out _))
            Same(id.Encode(), data, "L402 identifier re-encodes to itself");
        L402Satisfiers.Check(Text(data).Split('\n'), Context);
    }
}

/// <summary>NIP-01 REQ filters: write(parse(write(f))) == write(f).</summary>
public sealed class NostrFilterTarget : IFuzzTarget
{
    public string Name => "nostr-filter";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!NostrFilterJson.Parse(data).TryGetValue(out var parsed, out _))
            return;
        var written = NostrFilterJson.Write(parsed.Value);
        var again = NostrFilterJson.Parse(written);
        Check(again.IsValid, $"the writer's output is refused: {(again.IsValid ? "" : again.Rejection.ToString())}: {written}");
        Same(NostrFilterJson.Write(again.Value.Value), written, "filter writing is not stable");
    }
}
