using System.Diagnostics;

namespace LnConform.Harness.Certify;

/// <summary>Everything a run needs besides the target.</summary>
public sealed record CertifyOptions
{
    /// <summary>What is certified (a URL for L402), as reports show it (redacted).</summary>
    public required string Subject { get; init; }

    /// <summary>The profile to use; null detects it.</summary>
    public string? Profile { get; init; }

    public CheckSelection Selection { get; init; } = CheckSelection.All;

    public IReadOnlyList<Exclusion> Exclusions { get; init; } = [];

    public bool Strict { get; init; }

    public CertifyLimits Limits { get; init; } = CertifyLimits.Default;

    /// <summary>Extra runs of a check that ended in a harness error (<c>--retries</c>).</summary>
    public int Retries { get; init; }

    public int Seed { get; init; }

    public required CertifyPayments Payments { get; init; }

    public required Redactor Redactor { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>Live progress: the console reporter implements it; tests may too.</summary>
public interface ICertifyObserver
{
    void RunStarted(string target, string subject, IReadOnlyList<CatalogEntry> selected);

    void SessionOpened(string profile, string profileSource);

    void CheckStarted(CatalogEntry entry);

    void CheckFinished(CheckResult result);
}

/// <summary>
/// Runs the selected catalog checks of one target against one subject, one after another, each in
/// bounded time, and never throws for anything the subject does: every outcome is a verdict.
/// </summary>
public static class CertifyRunner
{
    public static async Task<CertifyReport> RunAsync(ICertifyTarget target, CheckCatalog catalog, CertifyOptions options, ICertifyObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        var started = options.Time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var subject = options.Redactor.Redact(options.Subject);
        var selected = catalog.For(target.Kind).Where(e => options.Selection.Includes(e.Id)).ToList();
        var warnings = new List<string>();
        var results = new List<CheckResult>();
        var today = DateOnly.FromDateTime(options.Time.GetUtcNow().UtcDateTime);
        foreach (var expired in options.Exclusions.Where(x => x.IsExpired(today)))
            warnings.Add($"exclusion '{expired.Glob}' expired on {expired.Expires:yyyy-MM-dd} and no longer applies ({expired.Reason})");

        string profile = options.Profile ?? "auto", profileSource = options.Profile is null ? "not detected" : "requested";
        string? setupError = null;
        observer?.RunStarted(target.Kind, subject, selected);
        if (selected.Count > 0)
        {
            ITargetSession? session = null;
            var runContext = new CertifyRunContext(options.Limits, options.Payments, options.Redactor, options.Seed, options.Time);
            try
            {
                using var openTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                openTimeout.CancelAfter(options.Limits.CheckTimeout);
                session = await target.OpenAsync(options.Profile, runContext, openTimeout.Token).ConfigureAwait(false);
                profile = session.Profile;
                profileSource = session.ProfileSource;
                warnings.AddRange(session.Facts.Select(options.Redactor.Redact));
                observer?.SessionOpened(profile, profileSource);
            }
            catch (Exception e) when (e is CertifySetupException or OperationCanceledException or CheckHarnessException)
            {
                setupError = options.Redactor.Redact(e is OperationCanceledException ? $"opening the target timed out after {options.Limits.CheckTimeout.TotalSeconds:0} s" : e.Message);
            }
            try
            {
                foreach (var entry in selected)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    observer?.CheckStarted(entry);
                    var result = await RunOneAsync(entry, session, setupError, profile, options, today, cancellationToken).ConfigureAwait(false);
                    results.Add(result);
                    observer?.CheckFinished(result);
                }
            }
            finally
            {
                if (session is not null)
                    await session.DisposeAsync().ConfigureAwait(false);
            }
        }
        var limits = options.Payments.Limits;
        return new CertifyReport
        {
            Target = target.Kind,
            Subject = subject,
            Profile = profile,
            ProfileSource = profileSource,
            Seed = options.Seed,
            Strict = options.Strict,
            DryRun = options.Payments.DryRun,
            Wallet = options.Payments.WalletName,
            MaxRunMsat = limits.MaxTotalMsat,
            MaxPaymentMsat = limits.MaxPaymentMsat,
            CatalogSha256 = catalog.Sha256,
            StartedAt = started,
            Elapsed = clock.Elapsed,
            Results = results,
            Payments = options.Payments.Records,
            Warnings = warnings,
            SetupError = setupError,
        };
    }

    private static async Task<CheckResult> RunOneAsync(CatalogEntry entry, ITargetSession? session, string? setupError, string profile, CertifyOptions options, DateOnly today, CancellationToken cancellationToken)
    {
        if (entry.NotApplicable is { } na)
            return Skipped(entry, "not applicable: " + na);
        if (options.Exclusions.FirstOrDefault(x => x.Matches(entry.Id) && !x.IsExpired(today)) is { } exclusion)
            return Skipped(entry, $"excluded until {exclusion.Expires:yyyy-MM-dd}: {exclusion.Reason}" + (exclusion.Link is null ? "" : $" ({exclusion.Link})"));
        if (session is null)
            return new CheckResult(entry, Verdict.HarnessError, "the target could not be opened: " + setupError, 0, [], [], 0, [], TimeSpan.Zero, 0);
        if (!entry.AppliesTo(profile))
            return Skipped(entry, $"not in profile {profile} (applies to {string.Join(", ", entry.Profiles)})");

        CheckResult? result = null;
        for (var attempt = 1; attempt <= 1 + Math.Max(0, options.Retries); attempt++)
        {
            result = await AttemptAsync(entry, session, profile, options, attempt, cancellationToken).ConfigureAwait(false);
            if (result.Verdict != Verdict.HarnessError)
                break;
        }
        return result!;
    }

    private static async Task<CheckResult> AttemptAsync(CatalogEntry entry, ITargetSession session, string profile, CertifyOptions options, int attempt, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timeout = options.Limits.CheckTimeout;
        deadline.CancelAfter(timeout);
        var context = new CheckContext(entry, profile, options.Seed, options.Payments, options.Redactor, options.Limits, deadline.Token);
        var clock = Stopwatch.StartNew();
        Verdict verdict;
        string? reason = null;
        try
        {
            var run = session.RunAsync(entry.Id, context);
            // A check that ignores its token still cannot hold the run: give it a grace period, then leave it.
            var finished = await Task.WhenAny(run, Task.Delay(timeout + TimeSpan.FromSeconds(2), cancellationToken)).ConfigureAwait(false);
            if (finished != run)
                throw new OperationCanceledException();
            await run.ConfigureAwait(false);
            var failed = context.Expectations.Where(e => !e.Held).ToList();
            verdict = entry.ReportOnly ? Verdict.Informational
                : failed.Count > 0 ? CertifyNames.Violation(entry.Level)
                : context.Expectations.Count == 0 ? Verdict.HarnessError
                : Verdict.Pass;
            if (failed.Count > 0)
                reason = $"{failed[0].What}: expected {failed[0].Expected}, observed {failed[0].Observed}" + (failed.Count > 1 ? $" (and {failed.Count - 1} more)" : "");
            else if (verdict == Verdict.HarnessError)
                reason = "the check recorded no expectation";
            else if (entry.ReportOnly && context.Notes.Count > 0)
                reason = string.Join("; ", context.Notes);
        }
        catch (CheckSkippedException e)
        {
            verdict = Verdict.Skipped;
            reason = e.Message;
        }
        catch (CheckHarnessException e)
        {
            verdict = Verdict.HarnessError;
            reason = e.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            verdict = Verdict.HarnessError;
            reason = $"the check did not finish within {timeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            verdict = Verdict.HarnessError;
            reason = $"internal error: {e.GetType().Name}: {e.Message}";
        }
        var deviations = context.Expectations.Count(e => !e.Held);
        return new CheckResult(entry, verdict, reason is null ? null : options.Redactor.Redact(reason), deviations,
            context.Expectations, context.Exchanges, context.OmittedExchanges, context.Notes, clock.Elapsed, attempt);
    }

    private static CheckResult Skipped(CatalogEntry entry, string reason) =>
        new(entry, Verdict.Skipped, reason, 0, [], [], 0, [], TimeSpan.Zero, 0);
}
