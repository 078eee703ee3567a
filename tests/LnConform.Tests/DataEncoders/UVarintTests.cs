using LnConform.Core.DataEncoders;
using NUnit.Framework;

namespace LnConform.Tests.DataEncoders;

public class UVarintTests
{
    // Protocol Buffers docs, "Base 128 Varints": 1 is 01 and 150 is 96 01; the rest are boundaries.
    [TestCase(0UL, "00")]
    [TestCase(1UL, "01")]
    [TestCase(127UL, "7f")]
    [TestCase(128UL, "8001")]
    [TestCase(150UL, "9601")]
    [TestCase(300UL, "ac02")]
    [TestCase(16383UL, "ff7f")]
    [TestCase(16384UL, "808001")]
    [TestCase(ulong.MaxValue >> 1, "ffffffffffffffff7f")]
    [TestCase(ulong.MaxValue, "ffffffffffffffffff01")]
    public void Minimal_encoding(ulong value, string hex)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.That(UVarint.Encode(value), Is.EqualTo(bytes));
        Assert.That(UVarint.GetLength(value), Is.EqualTo(bytes.Length));
        Assert.That(UVarint.Read(bytes).Value, Is.EqualTo(new UVarintValue(value, bytes.Length, UVarintFlags.None)));
    }

    [TestCase("8000", 0UL, TestName = "{m}(zero in two bytes)")]
    [TestCase("818000", 1UL, TestName = "{m}(one in three bytes)")]
    [TestCase("ffffffffffffffff ff00", ulong.MaxValue >> 1, TestName = "{m}(ten bytes, last zero)")]
    public void Non_minimal_encoding_is_flagged(string hex, ulong value)
    {
        var bytes = Convert.FromHexString(hex.Replace(" ", ""));

        var read = UVarint.Read(bytes).Value;

        Assert.That(read.Value, Is.EqualTo(value));
        Assert.That(read.BytesConsumed, Is.EqualTo(bytes.Length));
        Assert.That(read.FlagNames, Is.EqualTo(new[] { "non-minimal" }));
    }

    [TestCase("", "truncated", 0, TestName = "{m}(empty)")]
    [TestCase("80", "truncated", 1, TestName = "{m}(continuation then end)")]
    [TestCase("ffffffffffffffffff", "truncated", 9, TestName = "{m}(nine continuation bytes)")]
    [TestCase("ffffffffffffffffff02", "overflow", 9, TestName = "{m}(tenth byte 2)")]
    [TestCase("ffffffffffffffffff80", "overflow", 9, TestName = "{m}(tenth byte continues)")]
    [TestCase("8080808080808080808001", "overflow", 9, TestName = "{m}(eleven bytes)")]
    public void Rejection(string hex, string errorClass, int position)
    {
        var result = UVarint.Read(Convert.FromHexString(hex));

        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass));
        Assert.That(result.Rejection.Position, Is.EqualTo(position));
    }

    [Test]
    public void Bytes_after_the_varint_are_left_alone()
    {
        var read = UVarint.Read([0xac, 0x02, 0xff, 0xff]).Value;

        Assert.That(read, Is.EqualTo(new UVarintValue(300, 2, UVarintFlags.None)));
    }

    [Test]
    public void Write_into_a_short_destination_is_a_programmer_error()
    {
        Assert.Throws<ArgumentException>(() => UVarint.Write(300, new byte[1]));
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Round_trip_is_minimal(ulong value, byte shift)
    {
        value >>= shift % 64; // spread the lengths
        var bytes = UVarint.Encode(value);
        var read = UVarint.Read(bytes).Value;
        return read.Value == value && read.BytesConsumed == bytes.Length && read.Flags == UVarintFlags.None
            && bytes.Length == Math.Max(1, (64 - (int)ulong.LeadingZeroCount(value) + 6) / 7);
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Accepted_varints_are_minimal_unless_flagged(byte[] bytes)
    {
        var result = UVarint.Read(bytes);
        if (!result.IsValid)
            return true;
        var read = result.Value;
        var minimal = UVarint.Encode(read.Value).AsSpan().SequenceEqual(bytes.AsSpan(0, read.BytesConsumed));
        return minimal == (read.Flags == UVarintFlags.None);
    }
}
