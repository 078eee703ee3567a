using LnConform.Core.DataEncoders;
using NUnit.Framework;

namespace LnConform.Tests.DataEncoders;

public class Tlv8Tests
{
    [Test]
    public void Nip19_nprofile_example_parses_into_its_records()
    {
        // NIP-19 "Examples": the nprofile and its TLV items (type 0 special = pubkey, type 1 = relay).
        const string nprofile = "nprofile1qqsrhuxx8l9ex335q7he0f09aej04zpazpl0ne2cgukyawd24mayt8gpp4mhxue69uhhytnc9e3k7mgpz4mhxue69uhkg6nzv9ejuumpv34kytnrdaksjlyr9p";
        var words = Bech32.Decode(nprofile, new Bech32Options { MaxLength = 5000 }).Value.Words;
        var bytes = BitRegrouping.WordsToBytes(words).Value.Bytes;

        var records = Tlv8.Parse(bytes).Value;

        Assert.That(records.Select(r => r.Type), Is.EqualTo(new byte[] { 0, 1, 1 }));
        Assert.That(Convert.ToHexStringLower(records[0].Value), Is.EqualTo("3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d"));
        Assert.That(System.Text.Encoding.ASCII.GetString(records[1].Value), Is.EqualTo("wss://r.x.com"));
        Assert.That(System.Text.Encoding.ASCII.GetString(records[2].Value), Is.EqualTo("wss://djbas.sadkb.com"));
        Assert.That(Tlv8.Write(records), Is.EqualTo(bytes));
    }

    [Test]
    public void Duplicates_and_order_are_kept()
    {
        byte[] bytes = [2, 1, 0xaa, 0, 0, 2, 2, 0xbb, 0xcc];

        var records = Tlv8.Parse(bytes).Value;

        Assert.That(records.Select(r => (r.Type, Convert.ToHexStringLower(r.Value))),
            Is.EqualTo(new[] { ((byte)2, "aa"), ((byte)0, ""), ((byte)2, "bbcc") }));
    }

    [Test]
    public void Empty_input_is_no_records()
    {
        Assert.That(Tlv8.Parse([]).Value, Is.Empty);
    }

    [TestCase(new byte[] { 0 }, "truncated-header", 0, TestName = "{m}(type only)")]
    [TestCase(new byte[] { 0, 1, 7, 1 }, "truncated-header", 3, TestName = "{m}(second record type only)")]
    [TestCase(new byte[] { 0, 1 }, "truncated-value", 0, TestName = "{m}(no value)")]
    [TestCase(new byte[] { 0, 1, 7, 1, 3, 1, 2 }, "truncated-value", 3, TestName = "{m}(second value short)")]
    [TestCase(new byte[] { 5, 255, 0 }, "truncated-value", 0, TestName = "{m}(length 255)")]
    public void Truncation(byte[] bytes, string errorClass, int position)
    {
        var result = Tlv8.Parse(bytes);

        Assert.That(result.Rejection.Class, Is.EqualTo(errorClass));
        Assert.That(result.Rejection.Position, Is.EqualTo(position));
    }

    [Test]
    public void Writing_a_value_over_255_bytes_is_a_programmer_error()
    {
        Assert.That(Tlv8.Write([new Tlv8Record(0, new byte[255])]), Has.Length.EqualTo(257));
        Assert.Throws<ArgumentException>(() => Tlv8.Write([new Tlv8Record(0, new byte[256])]));
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Round_trip(byte[] types, byte[][] values)
    {
        var records = types.Zip(values, (t, v) => new Tlv8Record(t, v.Take(255).ToArray())).ToList();

        var parsed = Tlv8.Parse(Tlv8.Write(records)).Value;

        return parsed.Count == records.Count
            && parsed.Zip(records).All(p => p.First.Type == p.Second.Type && p.First.Value.SequenceEqual(p.Second.Value));
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Parsed_bytes_rewrite_to_themselves(byte[] bytes)
    {
        var result = Tlv8.Parse(bytes);
        return !result.IsValid || Tlv8.Write(result.Value).SequenceEqual(bytes);
    }
}
