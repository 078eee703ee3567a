using LnConform.Core.Crypto;

namespace LnConform.Harness.Crypto;

/// <summary>
/// Chooses the secp256k1 backend from an option or <c>LNCONFORM_SECP256K1</c> (<c>managed</c>, <c>native</c>, <c>auto</c>).
/// <c>native</c> without the library is an error; <c>auto</c> (the default) falls back to managed with a notice.
/// </summary>
public static class BackendSelection
{
    public const string EnvironmentVariable = "LNCONFORM_SECP256K1";

    public static readonly string[] Choices = ["auto", "managed", "native"];

    /// <param name="requested">An explicit choice (e.g. <c>--backend</c>); wins over the variable.</param>
    /// <param name="environmentValue">The value of <see cref="EnvironmentVariable"/>, if set.</param>
    /// <returns>The backend, or an error; and a notice to show once when <c>auto</c> fell back.</returns>
    public static (Secp256k1? Backend, string? Error, string? Notice) Resolve(string? requested, string? environmentValue) =>
        Resolve(requested, environmentValue, LoadNative);

    /// <summary>As <see cref="Resolve(string?, string?)"/>, with the native loader given (tests use a missing one).</summary>
    internal static (Secp256k1? Backend, string? Error, string? Notice) Resolve(
        string? requested, string? environmentValue, Func<(Secp256k1? Native, string? Failure)> loadNative)
    {
        var source = requested is not null ? "--backend" : EnvironmentVariable;
        var choice = (requested ?? environmentValue)?.Trim().ToLowerInvariant();
        switch (choice)
        {
            case null or "" or "auto":
                var (native, why) = loadNative();
                return native is not null
                    ? (native, null, null)
                    : (Secp256k1.Managed, null, $"secp256k1: native backend unavailable ({why}); using managed (BouncyCastle)");
            case "managed":
                return (Secp256k1.Managed, null, null);
            case "native":
                var (required, failure) = loadNative();
                return required is not null
                    ? (required, null, null)
                    : (null, $"{source}=native, but the native backend cannot be loaded: {failure}", null);
            default:
                return (null, $"{source}={choice}: expected one of {string.Join(", ", Choices)}", null);
        }
    }

    private static (Secp256k1? Native, string? Failure) LoadNative() =>
        Secp256k1.TryLoadNative(out var native, out var failure) ? (native, null) : (null, failure);

    /// <summary>Resolves from the process environment.</summary>
    public static (Secp256k1? Backend, string? Error, string? Notice) FromEnvironment(string? requested = null) =>
        Resolve(requested, Environment.GetEnvironmentVariable(EnvironmentVariable));
}
