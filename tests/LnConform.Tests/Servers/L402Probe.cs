using System.Net.Sockets;
using System.Text;
using LnConform.Core.DataEncoders;
using LnConform.Core.L402;
using LnConform.Core.Macaroons;
using LnConform.Harness.Payments;
using LnConform.Harness.Servers.L402;

namespace LnConform.Tests.Servers;

/// <summary>A challenge as a client reads it: every L402/LSAT challenge of the response, the preferred one, its token and invoice.</summary>
public sealed record ProbeChallenge(int Status, IReadOnlyList<string> Values, IReadOnlyList<L402Challenge> All, L402Challenge Chosen, Macaroon Token, string Invoice, HttpResponseMessage Response);

/// <summary>A token bought by paying its invoice.</summary>
public sealed record PaidToken(Macaroon Token, byte[] Preimage, string Invoice)
{
    public string Credential(string scheme = "L402") => $"{scheme} {Token.ToBase64()}:{Hex.Encode(Preimage)}";

    public string PreimageHex => Hex.Encode(Preimage);

    /// <summary>A client attenuation: the token with one more first-party caveat.</summary>
    public PaidToken Append(string caveat) => this with { Token = Token.AddFirstPartyCaveat(caveat) };
}

/// <summary>The answer to a request: status, headers (lower-case names, every value), body.</summary>
public sealed record ProbeResponse(int Status, IReadOnlyDictionary<string, List<string>> Headers, string Body)
{
    public IReadOnlyList<string> Values(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : [];

    public string? Header(string name) => Values(name) is [var first, ..] ? first : null;

    public bool Is2xx => Status is >= 200 and < 300;

    /// <summary>specs/l402.md §8: "reject" is a 4xx (401 or a fresh 402 normally), never 2xx or 5xx.</summary>
    public bool IsRejection => Status is >= 400 and < 500;

    public override string ToString() => $"{Status} {Header(L402Middleware.RejectionHeader)}";
}

/// <summary>A client for checking the reference server: requests with exact headers (over raw TCP when needed), buying tokens from the in-process node.</summary>
public sealed class L402Probe(L402Server server, InProcessLightningNode node) : IDisposable
{
    public const string Path = "/protected/resource";
    public const string OtherPath = "/other/resource";
    public const string Service = "svc";

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };

    public L402Server Server { get; } = server;

    public InProcessLightningNode Node { get; } = node;

    public L402Profile Profile => Server.Options.Profile;

    public Uri Url(string path = Path) => new(Server.BaseAddress, path);

    public async Task<ProbeResponse> GetAsync(string path = Path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        foreach (var (name, value) in headers)
            Assert.That(request.Headers.TryAddWithoutValidation(name, value), Is.True, $"header {name}");
        using var response = await _http.SendAsync(request);
        return await ReadAsync(response);
    }

    public Task<ProbeResponse> WithAuthorizationAsync(string authorization, string path = Path) => GetAsync(path, ("Authorization", authorization));

    public async Task<ProbeResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        return await ReadAsync(response);
    }

    /// <summary>Sends header lines exactly as given, over a fresh TCP connection.</summary>
    public async Task<ProbeResponse> RawAsync(string path, params string[] headerLines)
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await tcp.ConnectAsync(Server.BaseAddress.Host, Server.BaseAddress.Port, timeout.Token);
        var stream = tcp.GetStream();
        var head = new StringBuilder($"GET {path} HTTP/1.1\r\nHost: {Server.BaseAddress.Authority}\r\nConnection: close\r\n");
        foreach (var line in headerLines)
            head.Append(line).Append("\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), timeout.Token);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, timeout.Token);
        var text = Encoding.Latin1.GetString(buffer.ToArray());
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = (end < 0 ? text : text[..end]).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, List<string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim().ToLowerInvariant();
            if (!headers.TryGetValue(name, out var list))
                headers[name] = list = [];
            list.Add(line[(colon + 1)..].Trim());
        }
        return new ProbeResponse(status, headers, end < 0 ? "" : text[(end + 4)..]);
    }

    /// <summary>A fresh challenge: every L402/LSAT challenge (read leniently), L402 and token= preferred.</summary>
    public async Task<ProbeChallenge> ChallengeAsync(string path = Path, HttpRequestMessage? request = null)
    {
        request ??= new HttpRequestMessage(HttpMethod.Get, Url(path));
        using (request)
        {
            var response = await _http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            var values = response.Headers.TryGetValues("WWW-Authenticate", out var v) ? v.ToList() : [];
            var parsed = L402Challenge.Parse(values, L402ParseOptions.Lenient);
            Assert.That(parsed.IsValid, Is.True, $"{(int)response.StatusCode}: {parsed}");
            var chosen = parsed.Value.OrderBy(c => c.SchemeKind == L402Scheme.L402 ? 0 : 1).ThenBy(c => c.TokenParameter == "token" ? 0 : 1).First();
            var token = MacaroonV2Binary.Decode(chosen.TokenBytes.Span);
            Assert.That(token.IsValid, Is.True, token.ToString());
            return new ProbeChallenge((int)response.StatusCode, values, parsed.Value, chosen, token.Value.Macaroon, chosen.Invoice, response);
        }
    }

    /// <summary>Gets a challenge and pays its invoice.</summary>
    public async Task<PaidToken> BuyAsync(string path = Path)
    {
        var challenge = await ChallengeAsync(path);
        var paid = await Node.PayAsync(challenge.Invoice);
        Assert.That(paid.IsValid, Is.True, paid.ToString());
        return new PaidToken(challenge.Token, paid.Value.Preimage.ToArray(), challenge.Invoice);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<ProbeResponse> ReadAsync(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, List<string>>();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            headers[name.ToLowerInvariant()] = [.. values];
        return new ProbeResponse((int)response.StatusCode, headers, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Starts reference servers for tests: two priced routes (<c>/protected</c> for <c>svc</c>, <c>/other</c> for <c>othersvc</c>), a revocation endpoint, the in-process node.</summary>
public static class TestServers
{
    public const string RevocationPath = "/_lnconform/revoke";

    public static async Task<L402Probe> StartAsync(
        L402Profile? profile = null, IEnumerable<L402Defect>? defects = null, TimeProvider? time = null, Func<L402ServerOptions, L402ServerOptions>? configure = null,
        LnConform.Core.Crypto.Secp256k1? secp = null)
    {
        time ??= TimeProvider.System;
        var node = new InProcessLightningNode(secp ?? Backends.Get(LnConform.Core.Crypto.Secp256k1Backend.Native), time);
        var options = new L402ServerOptions
        {
            Profile = profile ?? L402Profile.Spec2026,
            Routes =
            [
                new L402PricedRoute("/protected", 1000, L402Probe.Service),
                new L402PricedRoute("/other", 2000, "othersvc"),
                new L402PricedRoute("/free", 0, "freesvc"),
            ],
            InvoiceSource = node,
            TimeProvider = time,
            RevocationPath = RevocationPath,
            Defects = (defects ?? []).ToHashSet(),
        };
        options = configure?.Invoke(options) ?? options;
        var server = await L402Server.StartAsync(options);
        return new L402Probe(server, node);
    }

    /// <summary>Starts a server and disposes it with the probe.</summary>
    public static async Task<T> WithServerAsync<T>(Func<L402Probe, Task<T>> body, L402Profile? profile = null, IEnumerable<L402Defect>? defects = null, TimeProvider? time = null)
    {
        using var probe = await StartAsync(profile, defects, time);
        await using (probe.Server)
            return await body(probe);
    }
}
