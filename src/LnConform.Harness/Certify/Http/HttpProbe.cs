using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace LnConform.Harness.Certify.Http;

/// <summary>A response as the checks judge it: status, headers in order (names as sent), the body read (bounded).</summary>
public sealed record HttpResult(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, bool Truncated)
{
    /// <summary>Every value of a header, in order (case-insensitive name).</summary>
    public IReadOnlyList<string> Values(string name) => [.. Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];

    public string? Header(string name) => Values(name) is [var first, ..] ? first : null;

    public bool Is2xx => Status is >= 200 and < 300;

    /// <summary>specs/l402.md §8: "reject" is a 4xx (401 or a fresh 402 normally), never 2xx or 5xx.</summary>
    public bool IsRejection => Status is >= 400 and < 500;

    /// <summary>The body as UTF-8 (invalid sequences replaced).</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    public override string ToString() => $"HTTP {Status}";
}

/// <summary>
/// The certifier's HTTP client against a possibly hostile endpoint: no redirects followed (they are
/// judged, never chased), no decompression (a compression bomb stays compressed), a connect and a
/// whole-response deadline per request, response headers and body read up to fixed limits. Every
/// exchange is recorded into the check's context, redacted and cut; a transport failure or a deadline
/// is recorded and becomes a harness error. Raw requests (exact header lines, over TCP or TLS) serve
/// the checks that need what <see cref="HttpClient"/> refuses to send.
/// </summary>
public sealed class HttpProbe : IDisposable
{
    private readonly HttpClient _http;
    private readonly CertifyLimits _limits;
    private readonly Redactor _redactor;

    public HttpProbe(CertifyLimits limits, Redactor redactor)
    {
        _limits = limits;
        _redactor = redactor;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = limits.RequestTimeout,
            MaxResponseHeadersLength = Math.Max(1, limits.MaxHeaderBytes / 1024),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ResponseHeaderEncodingSelector = (_, _) => Encoding.Latin1,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends <paramref name="request"/> (disposed here) and reads the response within the limits.</summary>
    public async Task<HttpResult> SendAsync(CheckContext context, string label, HttpRequestMessage request)
    {
        using (request)
        {
            var recorded = await RecordRequestAsync(request).ConfigureAwait(false);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
            deadline.CancelAfter(_limits.RequestTimeout);
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                var headers = response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
                await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
                var (body, truncated) = await ReadBoundedAsync(stream, deadline.Token).ConfigureAwait(false);
                var result = new HttpResult((int)response.StatusCode, headers, body, truncated);
                Record(context, label, recorded, result, null, clock);
                return result;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or SocketException or InvalidOperationException)
            {
                var why = Describe(e, context, clock);
                Record(context, label, recorded, null, why, clock);
                throw new CheckHarnessException($"{label}: {why}");
            }
        }
    }

    /// <summary>A GET with extra headers added without validation (exact bytes the checks mean).</summary>
    public Task<HttpResult> GetAsync(CheckContext context, string label, Uri url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
                throw new CheckHarnessException($"{label}: the header {name} cannot be sent by HttpClient");
        }
        return SendAsync(context, label, request);
    }

    /// <summary>Sends a GET with header lines exactly as given over a fresh connection (HTTP/1.1, <c>Connection: close</c>).</summary>
    public async Task<HttpResult> RawGetAsync(CheckContext context, string label, Uri url, params string[] headerLines)
    {
        var head = new StringBuilder($"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nConnection: close\r\n");
        foreach (var line in headerLines)
            head.Append(line).Append("\r\n");
        head.Append("\r\n");
        var recorded = new RecordedRequest("GET", _redactor.Redact(url.ToString()),
            [.. headerLines.Select(l => l.Split(':', 2)).Select(p => new KeyValuePair<string, string>(p[0], Cut(_redactor.Redact(p.Length > 1 ? p[1].Trim() : ""))))], null, Raw: true);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        deadline.CancelAfter(_limits.RequestTimeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(url.Host, url.Port, deadline.Token).ConfigureAwait(false);
            Stream stream = tcp.GetStream();
            if (url.Scheme == Uri.UriSchemeHttps)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = url.Host }, deadline.Token).ConfigureAwait(false);
                stream = tls;
            }
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), deadline.Token).ConfigureAwait(false);
                var (bytes, truncated) = await ReadBoundedAsync(stream, deadline.Token, _limits.MaxHeaderBytes + _limits.MaxResponseBytes).ConfigureAwait(false);
                var result = ParseRaw(bytes, truncated) ?? throw new IOException("the response is not HTTP/1.x");
                Record(context, label, recorded, result, null, clock);
                return result;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            var why = Describe(e, context, clock);
            Record(context, label, recorded, null, why, clock);
            throw new CheckHarnessException($"{label}: {why}");
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpResult? ParseRaw(byte[] bytes, bool truncated)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.Latin1.GetString(end < 0 ? bytes : bytes[..end]);
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ');
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(status[1], System.Globalization.CultureInfo.InvariantCulture, out var code))
            return null;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        var body = end < 0 ? [] : bytes[(end + 4)..];
        return new HttpResult(code, headers, body, truncated);
    }

    private async Task<(byte[] Body, bool Truncated)> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken, int? max = null)
    {
        var limit = max ?? _limits.MaxResponseBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit + 1 - buffer.Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return (buffer.ToArray(), false);
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
                return (buffer.ToArray()[..limit], true);
        }
    }

    private async Task<RecordedRequest> RecordRequestAsync(HttpRequestMessage request)
    {
        var headers = request.Headers.NonValidated.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, Cut(_redactor.Redact(v))))).ToList();
        string? body = null;
        if (request.Content is { } content)
        {
            headers.AddRange(content.Headers.NonValidated.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))));
            var bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
            body = Cut(_redactor.Redact(Printable(bytes)));
        }
        return new RecordedRequest(request.Method.Method, _redactor.Redact(request.RequestUri?.ToString()), headers, body, Raw: false);
    }

    private void Record(CheckContext context, string label, RecordedRequest request, HttpResult? result, string? error, Stopwatch clock)
    {
        RecordedResponse? response = result is null ? null : new RecordedResponse(
            result.Status,
            [.. result.Headers.Select(h => new KeyValuePair<string, string>(h.Key, Cut(_redactor.Redact(h.Value))))],
            Cut(_redactor.Redact(Printable(result.Body))), result.Body.LongLength,
            result.Truncated || result.Body.Length > _limits.MaxEvidenceChars);
        context.Record(new Exchange(context.NextSequence(), _redactor.Redact(label), request, response, error is null ? null : _redactor.Redact(error), clock.Elapsed.TotalMilliseconds));
    }

    private string Describe(Exception e, CheckContext context, Stopwatch clock) => e switch
    {
        OperationCanceledException when context.Cancellation.IsCancellationRequested => $"the check's deadline passed after {clock.Elapsed.TotalSeconds:0.0} s",
        OperationCanceledException => $"no complete response within {_limits.RequestTimeout.TotalSeconds:0.#} s (connect, headers and body)",
        _ => $"{e.GetType().Name}: {Inner(e)}",
    };

    private static string Inner(Exception e) => e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;

    private string Cut(string text) => text.Length <= _limits.MaxEvidenceChars ? text : text[.._limits.MaxEvidenceChars] + $"… [{text.Length - _limits.MaxEvidenceChars} more chars]";

    /// <summary>Text as UTF-8 when it is, else a hex dump of the start (binary or invalid UTF-8 stays readable and safe).</summary>
    private static string Printable(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            if (!text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
                return text;
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: shown as hex below.
        }
        return "hex:" + Convert.ToHexStringLower(bytes.AsSpan(0, Math.Min(bytes.Length, 1024))) + (bytes.Length > 1024 ? "…" : "");
    }
}
