namespace LnConform.Core.Bolt11;

/// <summary>
/// The BOLT 9 features a BOLT 11 invoice may carry (BOLT 9 at a3772650: context 9, plus the ASSUMED
/// var_onion_optin and payment_secret that invoices still set). Constants are the even (mandatory) bits;
/// the odd bit of a pair is the optional one.
/// </summary>
public static class Bolt11Features
{
    /// <summary>8/9 var_onion_optin (ASSUMED).</summary>
    public const int VarOnionOptin = 8;

    /// <summary>14/15 payment_secret (ASSUMED).</summary>
    public const int PaymentSecret = 14;

    /// <summary>16/17 basic_mpp; depends on payment_secret.</summary>
    public const int BasicMpp = 16;

    /// <summary>24/25 option_route_blinding.</summary>
    public const int RouteBlinding = 24;

    /// <summary>36/37 option_attribution_data.</summary>
    public const int AttributionData = 36;

    /// <summary>48/49 option_payment_metadata.</summary>
    public const int PaymentMetadata = 48;

    /// <summary>The highest bit a 9 field can hold: 1023 words of 5 bits.</summary>
    public const int MaxBit = Bolt11RawField.MaxWords * 5 - 1;

    /// <summary>The BOLT 9 name of a bit's feature in the invoice context, or null when unknown.</summary>
    public static string? Name(int bit) => (bit & ~1) switch
    {
        VarOnionOptin => "var_onion_optin",
        PaymentSecret => "payment_secret",
        BasicMpp => "basic_mpp",
        RouteBlinding => "option_route_blinding",
        AttributionData => "option_attribution_data",
        PaymentMetadata => "option_payment_metadata",
        _ => null,
    };

    /// <summary>Whether the bit belongs to a feature known in the invoice context.</summary>
    public static bool IsKnown(int bit) => bit >= 0 && Name(bit) is not null;

    /// <summary>Even bits are mandatory ("it's ok to be odd").</summary>
    public static bool IsMandatory(int bit) => (bit & 1) == 0;

    /// <summary>
    /// The even bit of the feature this bit depends on (BOLT 9 "Dependencies"), or null. Only basic_mpp has one
    /// in the invoice context: payment_secret.
    /// </summary>
    public static int? Dependency(int bit) => (bit & ~1) == BasicMpp ? PaymentSecret : null;
}
