using System.Collections.Concurrent;

namespace LnConform.Harness.Servers.L402;

/// <summary>What an L402 server did: challenges issued, credentials accepted, rejections by reason. Thread-safe.</summary>
public sealed class L402ServerCounters
{
    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private long _challenges;
    private long _accepted;
    private long _rateLimited;
    private long _invoiceFailures;
    private long _free;

    /// <summary>Responses carrying a fresh challenge (one token and invoice each).</summary>
    public long ChallengesIssued => Interlocked.Read(ref _challenges);

    /// <summary>Requests let through with a verified credential.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Requests with a credential that was refused.</summary>
    public long Rejected => _rejected.Values.Sum();

    /// <summary>Refusals by reason: the error class of the credential parser or the verifier, or <c>revoked</c>.</summary>
    public IReadOnlyDictionary<string, long> RejectedByReason => new SortedDictionary<string, long>(_rejected, StringComparer.Ordinal);

    /// <summary>Challenges not issued because of the rate limit (answered 429).</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Challenges not issued because the invoice source failed (answered 503).</summary>
    public long InvoiceSourceFailures => Interlocked.Read(ref _invoiceFailures);

    /// <summary>Requests under a route priced 0, let through.</summary>
    public long Free => Interlocked.Read(ref _free);

    internal void Challenge() => Interlocked.Increment(ref _challenges);

    internal void Accept() => Interlocked.Increment(ref _accepted);

    internal void Reject(string reason) => _rejected.AddOrUpdate(reason, 1, static (_, n) => n + 1);

    internal void RateLimit() => Interlocked.Increment(ref _rateLimited);

    internal void InvoiceFailure() => Interlocked.Increment(ref _invoiceFailures);

    internal void FreeRequest() => Interlocked.Increment(ref _free);

    /// <summary>One line per counter, then one per rejection reason.</summary>
    public override string ToString()
    {
        var lines = new List<string>
        {
            $"challenges-issued {ChallengesIssued}",
            $"accepted {Accepted}",
            $"rejected {Rejected}",
        };
        lines.AddRange(RejectedByReason.Select(r => $"rejected/{r.Key} {r.Value}"));
        lines.Add($"rate-limited {RateLimited}");
        lines.Add($"invoice-source-failures {InvoiceSourceFailures}");
        lines.Add($"free {Free}");
        return string.Join(Environment.NewLine, lines);
    }
}
