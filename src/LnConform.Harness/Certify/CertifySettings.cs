using System.Diagnostics.CodeAnalysis;
using LnConform.Harness.Certify.Reports;
using LnConform.Harness.Payments;

namespace LnConform.Harness.Certify;

/// <summary>The settings every certify target shares, as the user gave them (the CLI's common and money options).</summary>
public sealed record CertifySettingsRequest
{
    /// <summary>Globs of the checks to run (none: all).</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Globs of the checks not to run.</summary>
    public IReadOnlyList<string> Skip { get; init; } = [];

    /// <summary>A JSON file of reasoned exclusions (<see cref="Certify.Exclusions.Load"/>).</summary>
    public string? ExclusionsPath { get; init; }

    public bool Strict { get; init; }

    /// <summary>Seconds per request; over 0 and at most 3600.</summary>
    public double TimeoutSeconds { get; init; } = 10;

    /// <summary>Re-runs of a check that ended in a harness error, 0 to 10.</summary>
    public int Retries { get; init; }

    /// <summary>The seed of every random choice; null picks one.</summary>
    public int? Seed { get; init; }

    public CertifyReportPaths Reports { get; init; } = new();

    public ulong MaxSats { get; init; } = CertifyPayments.DefaultMaxRunSats;

    public ulong MaxPaymentSats { get; init; } = CertifyPayments.DefaultMaxPaymentSats;

    public bool DryRun { get; init; }
}

/// <summary>A checked <see cref="CertifySettingsRequest"/>: what builds each run's <see cref="CertifyOptions"/> and payments.</summary>
/// <param name="Notes">Remarks for the user (without a <c>note:</c> prefix), e.g. a payment cap over the run cap.</param>
public sealed record CertifySettings(CheckSelection Selection, IReadOnlyList<Exclusion> Exclusions, bool Strict, TimeSpan Timeout, int Retries, int Seed,
    CertifyReportPaths Reports, SpendingLimits Limits, bool DryRun, IReadOnlyList<string> Notes)
{
    /// <summary>Checks <paramref name="request"/> and loads its exclusions file; false with the message the CLI prints.</summary>
    public static bool TryRead(CertifySettingsRequest request, [NotNullWhen(true)] out CertifySettings? settings, out string error)
    {
        ArgumentNullException.ThrowIfNull(request);
        (settings, error) = (null, "");
        var timeout = request.TimeoutSeconds;
        if (!(timeout > 0 && timeout <= 3600))
        {
            error = "--timeout is seconds, over 0 and at most 3600";
            return false;
        }
        if (request.Retries is < 0 or > 10)
        {
            error = "--retries is 0 to 10";
            return false;
        }
        IReadOnlyList<Exclusion> exclusions = [];
        if (request.ExclusionsPath is { } path)
        {
            try
            {
                exclusions = Certify.Exclusions.Load(path);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                error = e.Message;
                return false;
            }
        }
        var notes = new List<string>();
        if (request.MaxPaymentSats > request.MaxSats)
            notes.Add($"--max-sats-per-payment {request.MaxPaymentSats} is over --max-sats {request.MaxSats}; the run cap applies");
        if (request.MaxPaymentSats > ulong.MaxValue / 1000 || request.MaxSats > ulong.MaxValue / 1000)
        {
            error = "--max-sats is too large";
            return false;
        }
        settings = new CertifySettings(new CheckSelection(request.Only, request.Skip), exclusions, request.Strict, TimeSpan.FromSeconds(timeout),
            request.Retries, request.Seed ?? Random.Shared.Next(), request.Reports,
            new SpendingLimits(request.MaxPaymentSats * 1000, request.MaxSats * 1000), request.DryRun, notes);
        return true;
    }

    /// <summary>One run's options.</summary>
    public CertifyOptions Options(string subject, string? profile, CertifyPayments payments, Redactor redactor) => new()
    {
        Subject = subject,
        Profile = profile,
        Selection = Selection,
        Exclusions = Exclusions,
        Strict = Strict,
        Limits = new CertifyLimits(Timeout),
        Retries = Retries,
        Seed = Seed,
        Payments = payments,
        Redactor = redactor,
    };
}
