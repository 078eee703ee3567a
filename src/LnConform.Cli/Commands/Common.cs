using System.CommandLine;
using System.Runtime.InteropServices;
using LnConform.Core.Crypto;
using LnConform.Harness.Crypto;

namespace LnConform.Cli.Commands;

/// <summary>Options and helpers shared by commands.</summary>
internal static class Common
{
    public static Option<string?> BackendOption() => new Option<string?>("--backend")
    {
        Description = $"secp256k1 backend: auto (native if it loads), managed or native; default from {BackendSelection.EnvironmentVariable}, else auto",
    }.AcceptOnlyFromAmong(BackendSelection.Choices);

    public static Option<string?> VectorsOption() => new("--vectors")
    {
        Description = "the vectors folder (default: ./vectors, or the nearest one above)",
    };

    /// <summary>Resolves the backend, printing the fallback notice or the error to stderr.</summary>
    public static Secp256k1? ResolveBackend(string? requested)
    {
        var (backend, error, notice) = BackendSelection.FromEnvironment(requested);
        if (notice is not null)
            Console.Error.WriteLine($"note: {notice}");
        if (error is not null)
            Console.Error.WriteLine($"error: {error}");
        return backend;
    }

    public static int Error(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return Harness.Reports.ExitCodes.HarnessError;
    }

    /// <summary>
    /// Waits for Ctrl-C or SIGTERM (or <paramref name="cancellationToken"/>). The handlers cancel the default action, so
    /// the caller stops its services and prints its counters; System.CommandLine 2.0.0 handles neither signal itself
    /// unless given a ProcessTerminationTimeout.
    /// </summary>
    public static async Task WaitForStopSignalAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C, SIGTERM or the invocation's own cancellation.
        }
    }
}
