using System.Text.Json.Nodes;
using LnConform.Core.Crypto;
using LnConform.Harness.Adapters;

namespace LnConform.Tests.Adapters;

[TestFixture]
public sealed class AdapterServerTests
{
    private static async Task<List<JsonObject>> Serve(string input)
    {
        var output = new StringWriter();
        await AdapterServer.ServeAsync(new ReferenceAdapter(Secp256k1.Managed), new StringReader(input), output);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }

    [Test]
    public async Task AnswersEachLineInOrderAndGoesOnAfterMalformedOnes()
    {
        var lines = string.Join('\n',
            """{"id":1,"op":"bip340.verify","input":{"pubkey":"f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9","message":"0000000000000000000000000000000000000000000000000000000000000000","signature":"e907831f80848d1069a5371b402410364bdf1c5f8307b0084c55f1ce2dca821525f66a4a85ea8b71e482a74f382d2ce5ebeee8fdb2172f477df4900d310536c0"}}""",
            "this is not json",
            """{"id":"two","op":"no.such.op","input":{}}""",
            """{"id":3,"op":"bip340.verify","input":{"pubkey":"zz"}}""",
            """{"id":4,"input":{}}""",
            "",
            """{"id":5,"op":"chacha20.encrypt","input":{"key":"0000000000000000000000000000000000000000000000000000000000000000","nonce":"000000000000000000000000","counter":0,"plaintext":"00000000"}}""");
        var responses = await Serve(lines + "\n");
        Assert.That(responses, Has.Count.EqualTo(6));
        Assert.Multiple(() =>
        {
            Assert.That(responses[0]["id"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(responses[0]["ok"]!.GetValue<bool>(), Is.True);
            Assert.That(responses[0]["result"]!["valid"]!.GetValue<bool>(), Is.True, "the final BIP-340 vector 0's signature verifies");
            Assert.That(responses[1]["error"]!["class"]!.GetValue<string>(), Is.EqualTo("malformed-request"));
            Assert.That(responses[2]["id"]!.GetValue<string>(), Is.EqualTo("two"));
            Assert.That(responses[2]["unimplemented"]!.GetValue<bool>(), Is.True);
            Assert.That(responses[3]["error"]!["class"]!.GetValue<string>(), Is.EqualTo("bad-input"));
            Assert.That(responses[4]["id"]!.GetValue<int>(), Is.EqualTo(4), "the id is echoed even when the request is malformed");
            Assert.That(responses[4]["error"]!["class"]!.GetValue<string>(), Is.EqualTo("malformed-request"));
            Assert.That(responses[5]["result"]!["ciphertext"]!.GetValue<string>(), Is.EqualTo("76b8e0ad"), "RFC 8439 A.1 #1's first bytes");
        });
    }

    [Test]
    public async Task EndOfInputEndsCleanly() => Assert.That(await Serve(""), Is.Empty);
}
