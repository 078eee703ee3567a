namespace LnConform.Harness.Certify;

/// <summary>
/// A kind of target the certifier knows (<c>l402</c>; later <c>clink</c>, <c>nwc</c>): its profiles,
/// its implemented checks (ids of the catalog), and how to open a session against one subject. The
/// runner is generic over this: a new target is a class implementing it plus its catalog entries.
/// </summary>
public interface ICertifyTarget
{
    /// <summary>The catalog's <c>target</c> value.</summary>
    string Kind { get; }

    /// <summary>The profiles a user can request (besides <c>auto</c>).</summary>
    IReadOnlyList<string> Profiles { get; }

    /// <summary>The catalog ids this target implements (the catalog test matches them both ways).</summary>
    IReadOnlyCollection<string> ImplementedChecks { get; }

    /// <summary>
    /// Opens a session: reaches the subject, settles the profile (<paramref name="requestedProfile"/> or
    /// detected when null). Throws <see cref="CertifySetupException"/> when the subject cannot be certified
    /// at all (unreachable, not this kind of endpoint); the runner then reports every check as a harness error.
    /// </summary>
    Task<ITargetSession> OpenAsync(string? requestedProfile, CertifyRunContext run, CancellationToken cancellationToken);
}

/// <summary>One target opened for one run.</summary>
public interface ITargetSession : IAsyncDisposable
{
    /// <summary>The profile checks run under.</summary>
    string Profile { get; }

    /// <summary>How it was chosen, e.g. <c>detected: LSAT challenge first, macaroon=</c>.</summary>
    string ProfileSource { get; }

    /// <summary>Facts learnt while opening (price, service, token format), reported as warnings-free notes.</summary>
    IReadOnlyList<string> Facts { get; }

    /// <summary>Runs the check with this id, recording into <paramref name="context"/>.</summary>
    Task RunAsync(string checkId, CheckContext context);
}

/// <summary>The subject cannot be certified (unreachable, wrong kind of endpoint, bad options).</summary>
public sealed class CertifySetupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a target session may use from the run: bounds, money, redactor, seed.</summary>
public sealed record CertifyRunContext(CertifyLimits Limits, CertifyPayments Payments, Redactor Redactor, int Seed, TimeProvider Time);

/// <summary>
/// A target's checks as a table: id → async function of (session, context). Targets build one per
/// session type; <see cref="Run"/> dispatches and <see cref="Ids"/> feeds <see cref="ICertifyTarget.ImplementedChecks"/>.
/// </summary>
public sealed class CheckTable<TSession>(IReadOnlyDictionary<string, Func<TSession, CheckContext, Task>> checks)
{
    public IReadOnlyCollection<string> Ids => [.. checks.Keys];

    public Task Run(TSession session, string id, CheckContext context) =>
        checks.TryGetValue(id, out var check) ? check(session, context) : throw new CheckHarnessException($"{id} has no implementation in this build");
}
