using LnConform.Core.DataEncoders;
using LnConform.Core.L402;
using Microsoft.AspNetCore.Http;

namespace LnConform.Harness.Servers.L402;

/// <summary>What the L402 middleware hands the endpoint of an accepted request.</summary>
/// <param name="Route">The priced route.</param>
/// <param name="Credential">The credential as parsed.</param>
/// <param name="Authorization">The verified token: identifier, discharges, and what its caveats allow.</param>
public sealed record L402RequestFeature(L402PricedRoute Route, L402Credential Credential, L402Authorization Authorization)
{
    /// <summary>The token id (hex): stable across uses of one token.</summary>
    public string TokenId => Hex.Encode(Authorization.Identifier.TokenId.Span);

    /// <summary>The payment hash (hex) the token was bought with.</summary>
    public string PaymentHash => Hex.Encode(Authorization.Identifier.PaymentHash.Span);
}

/// <summary>Access to <see cref="L402RequestFeature"/>.</summary>
public static class L402HttpContextExtensions
{
    /// <summary>The verified L402 token of this request, or null if the middleware did not accept one.</summary>
    public static L402RequestFeature? GetL402(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<L402RequestFeature>();
    }
}
