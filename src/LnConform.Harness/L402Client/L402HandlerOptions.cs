using LnConform.Core.Bolt11;
using LnConform.Core.L402;

namespace LnConform.Harness.L402Client;

/// <summary>How an <see cref="L402Handler"/> reads challenges and judges invoices.</summary>
public sealed record L402HandlerOptions
{
    public static L402HandlerOptions Default { get; } = new();

    /// <summary>The clock for invoice expiry and cached token expiry.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// What challenges are accepted: by default every profile's form and every variant the parser can
    /// flag (<c>L402</c>/<c>LSAT</c>, <c>token=</c>/<c>macaroon=</c>, version or not, any base64),
    /// since a client should be liberal in what it reads. The token is always sent back in standard
    /// padded base64.
    /// </summary>
    public L402ParseOptions ChallengeOptions { get; init; } = L402ParseOptions.Lenient;

    /// <summary>How invoices are decoded (strict BOLT 11 by default).</summary>
    public Bolt11DecoderOptions InvoiceOptions { get; init; } = Bolt11DecoderOptions.Strict;

    /// <summary>Hand amountless invoices to the spending guard (with no amount) instead of refusing them (default false).</summary>
    public bool AllowAmountlessInvoices { get; init; }

    /// <summary>Only pay invoices of this BOLT 11 currency (<c>bc</c>, <c>tb</c>, <c>tbs</c>, <c>bcrt</c>); null pays any.</summary>
    public string? ExpectedNetwork { get; init; }

    /// <summary>Reuse paid tokens for later requests to the same origin and service (default true).</summary>
    public bool CacheTokens { get; init; } = true;
}
