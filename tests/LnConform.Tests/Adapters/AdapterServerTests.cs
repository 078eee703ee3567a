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
            """{"id":1,"op":"bip340.verify","input":{"pubkey":"f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9","message":"0000000000000000000000000000000000000000000000000000000000000000","signature":"067e337ad551b2276ec705e43f0920926a9ce08ac68159f9d258c9bba412781c9f059fcdf4824f13b3d7c1305316f956704bb3fea2c26142e18acd90a90c947e"}}""",
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
            Assert.That(responses[0]["result"]!["valid"]!.GetValue<bool>(), Is.True, "BIP-340 vector 0's signature verifies");
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
