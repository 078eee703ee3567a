using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using LnConform.Core.Crypto;

namespace LnConform.Tests.Crypto;

/// <summary>A valid secret key (1..n-1).</summary>
public sealed record SecretKey(byte[] Bytes)
{
    public override string ToString() => Convert.ToHexString(Bytes);
}

/// <summary>32 arbitrary bytes (a hash or aux_rand).</summary>
public sealed record Bytes32(byte[] Bytes)
{
    public override string ToString() => Convert.ToHexString(Bytes);
}

/// <summary>A message of any length, 0 included.</summary>
public sealed record Message(byte[] Bytes)
{
    public override string ToString() => Convert.ToHexString(Bytes);
}

/// <summary>A recovery id: mostly 0..3, sometimes out of range.</summary>
public sealed record RecoveryId(int Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A uniform choice in 0..99, for picking among variants of a case.</summary>
public sealed record Pick(int Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>How a signature is broken before it is checked.</summary>
public enum TamperKind
{
    None,
    RandomBytes,
    FlipBit,
    HighS,
    RZero,
    SZero,
    REqualsOrder,
    SEqualsOrder,
    RAboveOrder,
    SAboveOrder,
    RAllOnes,
    /// <summary>r below p - n, so x = r + n is a candidate for recovery ids 2 and 3.</summary>
    RSmall,
    /// <summary>BIP-340: r = p, or above p.</summary>
    RFieldPrimeOrAbove,
    /// <summary>BIP-340: r a random value below p (often not an x coordinate).</summary>
    RRandomBelowP,
    SwapRS,
}

/// <summary>A tampering of a 64-byte signature: the kind plus random material to use.</summary>
public sealed record Tamper(TamperKind Kind, int Bit, byte[] Random)
{
    public override string ToString() => $"{Kind} (bit {Bit}, random {Convert.ToHexString(Random)})";

    public byte[] Apply(byte[] signature)
    {
        var s = (byte[])signature.Clone();
        switch (Kind)
        {
            case TamperKind.None:
                break;
            case TamperKind.RandomBytes:
                s = (byte[])Random.Clone();
                break;
            case TamperKind.FlipBit:
                s[Bit / 8] ^= (byte)(1 << (Bit % 8));
                break;
            case TamperKind.HighS:
                Secp256k1.NormalizeS(signature, s); // n - s: high when s was low
                break;
            case TamperKind.RZero:
                s.AsSpan(0, 32).Clear();
                break;
            case TamperKind.SZero:
                s.AsSpan(32).Clear();
                break;
            case TamperKind.REqualsOrder:
                Secp256k1.Order.CopyTo(s);
                break;
            case TamperKind.SEqualsOrder:
                Secp256k1.Order.CopyTo(s.AsSpan(32));
                break;
            case TamperKind.RAboveOrder:
                WriteAbove(Secp256k1.Order, s.AsSpan(0, 32));
                break;
            case TamperKind.SAboveOrder:
                WriteAbove(Secp256k1.Order, s.AsSpan(32));
                break;
            case TamperKind.RAllOnes:
                s.AsSpan(0, 32).Fill(0xFF);
                break;
            case TamperKind.RSmall:
                // p - n is about 2^128.3; 16 random bytes stay below it.
                s.AsSpan(0, 16).Clear();
                Random.AsSpan(0, 16).CopyTo(s.AsSpan(16));
                break;
            case TamperKind.RFieldPrimeOrAbove:
                WriteAbove(Secp256k1.FieldPrime, s.AsSpan(0, 32), allowEqual: true);
                break;
            case TamperKind.RRandomBelowP:
                Random.AsSpan(0, 32).CopyTo(s);
                s[0] &= 0x7F;
                break;
            case TamperKind.SwapRS:
                s = [.. signature.AsSpan(32), .. signature.AsSpan(0, 32)];
                break;
        }
        return s;
    }

    /// <summary>A value in [bound, 2^256) (or (bound, 2^256) without allowEqual) made from the random bytes.</summary>
    private void WriteAbove(ReadOnlySpan<byte> bound, Span<byte> destination, bool allowEqual = true)
    {
        var b = new BigInteger(bound, isUnsigned: true, isBigEndian: true);
        var room = (BigInteger.One << 256) - b; // number of values >= bound
        var offset = new BigInteger(Random.AsSpan(32), isUnsigned: true, isBigEndian: true) % room;
        if (!allowEqual && offset.IsZero)
            offset = 1;
        var value = b + offset;
        destination.Clear();
        var count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(destination[(32 - count)..], out _, isUnsigned: true, isBigEndian: true);
    }
}

/// <summary>A public key that may be broken: valid, off the curve, bad prefix, coordinates not below p.</summary>
public sealed record KeyTamper(int Kind, byte[] Random)
{
    public override string ToString() => $"key tamper {Kind} ({Convert.ToHexString(Random)})";

    public byte[] Apply(byte[] compressed, byte[] uncompressed) => Kind switch
    {
        0 or 1 or 2 or 3 or 4 or 5 => compressed,                            // mostly valid
        6 => uncompressed,
        7 => [(byte)(0x02 | (Random[0] & 1)), .. Random.AsSpan(1, 32)],      // random x: on the curve about half the time
        8 => [0x04, .. uncompressed.AsSpan(1, 32), .. Random.AsSpan(1, 32)],   // random y: off the curve
        9 => [(byte)(0x06 | (uncompressed[64] & 1)), .. uncompressed.AsSpan(1)], // hybrid encoding: libsecp256k1 alone would take it
        10 => [0x05, .. compressed.AsSpan(1)],                                // bad prefix
        11 => [0x02, .. Secp256k1.FieldPrime],                                // x = p
        12 => compressed[..^1],                                               // truncated
        13 => [0x03, .. Enumerable.Repeat((byte)0xFF, 32)],                   // x above p
        _ => [0x02, .. new byte[32]],                                         // x = 0: 7 is not a square mod p
    };
}

/// <summary>FsCheck generators for the secp256k1 and ChaCha20 properties.</summary>
public static class CryptoGen
{
    public static readonly Gen<byte> Byte = Gen.Choose(0, 255).Select(i => (byte)i);

    public static Gen<byte[]> Bytes(int length) => Gen.ArrayOf(Byte, length);

    private static readonly BigInteger N = new(Secp256k1.Order, isUnsigned: true, isBigEndian: true);

    private static byte[] Scalar(BigInteger value)
    {
        var bytes = new byte[32];
        var count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(bytes.AsSpan(32 - count), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }

    private static readonly byte[][] EdgeKeys =
    [
        Scalar(1), Scalar(2), Scalar(3), Scalar(N - 1), Scalar(N - 2), Scalar(N / 2), Scalar(N / 2 + 1),
    ];

    public static Gen<SecretKey> SecretKeys { get; } = Gen.Frequency(
            (30, Bytes(32).Where(b => b.ContainsAnyExcept((byte)0) && Secp256k1.IsBelow(b, Secp256k1.Order))),
            (1, Gen.Elements(EdgeKeys)))
        .Select(b => new SecretKey(b));

    public static Gen<Bytes32> Bytes32s { get; } = Gen.Frequency(
            (20, Bytes(32)),
            (1, Gen.Constant(new byte[32])),
            (1, Gen.Constant(Enumerable.Repeat((byte)0xFF, 32).ToArray())))
        .Select(b => new Bytes32(b));

    public static Gen<Message> Messages { get; } = Gen.Frequency(
            (2, Gen.Choose(0, 300).SelectMany(Bytes)),
            (1, Bytes(32)),
            (1, Gen.Constant(Array.Empty<byte>())))
        .Select(b => new Message(b));

    public static Gen<Tamper> Tampers { get; } =
        from kind in Gen.Frequency(
            (6, Gen.Constant(TamperKind.None)),
            (3, Gen.Elements(Enum.GetValues<TamperKind>().Where(k => k != TamperKind.None).ToArray())),
            (3, Gen.Constant(TamperKind.FlipBit)))
        from bit in Gen.Choose(0, 511)
        from random in Bytes(64)
        select new Tamper(kind, bit, random);

    public static Gen<KeyTamper> KeyTampers { get; } =
        from kind in Gen.Frequency((4, Gen.Choose(0, 6)), (1, Gen.Choose(7, 14))) // about 70% valid keys
        from random in Bytes(33)
        select new KeyTamper(kind, random);

    /// <summary>Recovery ids: mostly 0..3, sometimes out of range.</summary>
    public static Gen<RecoveryId> RecoveryIds { get; } = Gen.Frequency(
            (20, Gen.Choose(0, 3)),
            (1, Gen.Elements(-1, 4, 27, int.MinValue)))
        .Select(i => new RecoveryId(i));

    // Arbitraries that FsCheck picks up by type (registered with [Property(Arbitrary = [typeof(CryptoGen)])]).
    public static Arbitrary<SecretKey> SecretKeyArbitrary() => SecretKeys.ToArbitrary();

    public static Arbitrary<Bytes32> Bytes32Arbitrary() => Bytes32s.ToArbitrary();

    public static Arbitrary<Message> MessageArbitrary() => Messages.ToArbitrary();

    public static Arbitrary<Tamper> TamperArbitrary() => Tampers.ToArbitrary();

    public static Arbitrary<Pick> PickArbitrary() => Gen.Choose(0, 99).Select(i => new Pick(i)).ToArbitrary();

    public static Arbitrary<RecoveryId> RecoveryIdArbitrary() => RecoveryIds.ToArbitrary();

    public static Arbitrary<KeyTamper> KeyTamperArbitrary() => KeyTampers.ToArbitrary();
}
