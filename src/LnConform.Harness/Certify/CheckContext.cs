namespace LnConform.Harness.Certify;

/// <summary>Thrown by <see cref="CheckContext.Skip"/>: the check cannot run here, with a reason.</summary>
public sealed class CheckSkippedException(string reason) : Exception(reason);

/// <summary>Thrown by <see cref="CheckContext.HarnessError"/>: the harness could not decide (transport, wallet, our bug).</summary>
public sealed class CheckHarnessException(string message) : Exception(message);

/// <summary>
/// What one check sees and records while it runs: its catalog entry, the profile, a seeded random
/// source, the run's money and redactor, and the evidence (expectations, exchanges, notes). A check is
/// an async function of this context (plus its target's session): it calls <see cref="Expect"/> for
/// every judged observation, <see cref="Skip"/> when it cannot apply, and lets the runner turn the
/// expectations into a verdict by the check's level.
/// </summary>
public sealed class CheckContext
{
    /// <summary>Exchanges kept per check; later ones are counted, not kept.</summary>
    public const int MaxExchanges = 100;

    private readonly Lock _lock = new();
    private readonly List<Expectation> _expectations = [];
    private readonly List<Exchange> _exchanges = [];
    private readonly List<string> _notes = [];
    private int _sequence;

    public CheckContext(CatalogEntry entry, string profile, int seed, CertifyPayments payments, Redactor redactor, CertifyLimits limits, CancellationToken cancellation)
    {
        Entry = entry;
        Profile = profile;
        Seed = seed;
        Random = new Random(DeriveSeed(seed, entry.Id));
        Payments = payments;
        Redactor = redactor;
        Limits = limits;
        Cancellation = cancellation;
    }

    public CatalogEntry Entry { get; }

    public string Id => Entry.Id;

    public string Profile { get; }

    /// <summary>The run's seed; <see cref="Random"/> is derived from it and the check id, so one id plus one seed reproduces a run.</summary>
    public int Seed { get; }

    public Random Random { get; }

    public CertifyPayments Payments { get; }

    public Redactor Redactor { get; }

    public CertifyLimits Limits { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>Exchanges that happened beyond <see cref="MaxExchanges"/>.</summary>
    public int OmittedExchanges { get; private set; }

    public IReadOnlyList<Expectation> Expectations
    {
        get
        {
            lock (_lock)
                return [.. _expectations];
        }
    }

    public IReadOnlyList<Exchange> Exchanges
    {
        get
        {
            lock (_lock)
                return [.. _exchanges];
        }
    }

    public IReadOnlyList<string> Notes
    {
        get
        {
            lock (_lock)
                return [.. _notes];
        }
    }

    /// <summary>Records one judged observation.</summary>
    public bool Expect(bool held, string what, string expected, string observed)
    {
        lock (_lock)
            _expectations.Add(new Expectation(Redactor.Redact(what), Redactor.Redact(expected), Redactor.Redact(observed), held));
        return held;
    }

    /// <summary>Records an observation that is not judged (report-only checks, context).</summary>
    public void Note(string text)
    {
        lock (_lock)
            _notes.Add(Redactor.Redact(text));
    }

    /// <summary>Ends the check as skipped.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void Skip(string reason) => throw new CheckSkippedException(Redactor.Redact(reason));

    /// <summary>Ends the check as a harness error.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public void HarnessError(string message) => throw new CheckHarnessException(Redactor.Redact(message));

    /// <summary>The next exchange number (the order of requests within the check).</summary>
    public int NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Keeps an exchange (already redacted and cut by the HTTP layer).</summary>
    public void Record(Exchange exchange)
    {
        lock (_lock)
        {
            if (_exchanges.Count < MaxExchanges)
                _exchanges.Add(exchange);
            else
                OmittedExchanges++;
        }
    }

    internal static int DeriveSeed(int seed, string id)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{seed}:{id}"));
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }
}

/// <summary>The bounds every request of a run keeps (hostile endpoints: slow, huge, redirecting, compressed).</summary>
/// <param name="RequestTimeout">Connect plus whole-response deadline per request (<c>--timeout</c>).</param>
/// <param name="MaxResponseBytes">Body bytes read at most; the rest is not read and the body is marked truncated.</param>
/// <param name="MaxEvidenceChars">Body characters kept in the evidence.</param>
/// <param name="MaxHeaderBytes">Response header bytes accepted.</param>
public sealed record CertifyLimits(TimeSpan RequestTimeout, int MaxResponseBytes = 1 << 20, int MaxEvidenceChars = 4096, int MaxHeaderBytes = 64 * 1024)
{
    public static CertifyLimits Default { get; } = new(TimeSpan.FromSeconds(10));

    /// <summary>How long one check may take in all before it is a harness error.</summary>
    public TimeSpan CheckTimeout => RequestTimeout * 12;
}
