namespace LnConform.Harness.Certify;

/// <summary>One expectation of a check: what was expected, what was observed, whether it held.</summary>
public sealed record Expectation(string What, string Expected, string Observed, bool Held);

/// <summary>A request as sent (headers in order, body cut at the evidence limit).</summary>
public sealed record RecordedRequest(string Method, string Url, IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body, bool Raw);

/// <summary>A response as received (headers in order, body cut at the evidence limit), or null when none came.</summary>
/// <param name="BodyBytes">How many body bytes were read (up to the read limit).</param>
/// <param name="BodyTruncated">The body was longer than the read limit (or the evidence limit).</param>
public sealed record RecordedResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body, long BodyBytes, bool BodyTruncated);

/// <summary>One request and its response (or the error that took its place) with its timing.</summary>
public sealed record Exchange(int Sequence, string Label, RecordedRequest Request, RecordedResponse? Response, string? Error, double ElapsedMs);
