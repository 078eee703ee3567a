namespace LnConform.Harness.Clink;

/// <summary>
/// A deliberate defect of the reference CLINK service, for the certifier's self-test: with a defect switched on,
/// the checks of specs/clink.md §10 named in <see cref="ClinkDefectInfo.Checks"/> must fail, and with none the
/// service passes them. Names (<see cref="ClinkDefects.Name"/>) are stable.
/// </summary>
public enum ClinkDefect
{
    // ---- events and versions ----

    /// <summary><c>no-clink-version</c>: responses carry no <c>clink_version</c> tag (as Lightning.Pub).</summary>
    NoClinkVersion,

    /// <summary><c>accept-any-version</c>: requests without <c>clink_version</c>, or with an unknown one, are served.</summary>
    AcceptAnyVersion,

    /// <summary><c>skip-signature-check</c>: request signatures and ids are not verified (only observable where the relay does not check them either).</summary>
    SkipSignatureCheck,

    /// <summary><c>answer-responses</c>: events carrying an <c>e</c> tag are answered too (two services ping-pong).</summary>
    AnswerResponses,

    /// <summary><c>wrong-p-tag</c>: responses are addressed (<c>p</c>) to the service's own key, not the request's signer.</summary>
    WrongPTag,

    /// <summary><c>route-on-any-p</c>: a request whose service key is only in a second <c>p</c> tag is served.</summary>
    RouteOnAnyP,

    // ---- offers ----

    /// <summary><c>ignore-offer-price</c>: a fixed offer's invoice is for the payer's <c>amount_sats</c> when one is sent.</summary>
    IgnoreOfferPrice,

    /// <summary><c>wrong-invoice-amount</c>: a spontaneous offer's invoice is one sat more than asked.</summary>
    WrongInvoiceAmount,

    /// <summary><c>description-unbounded</c>: descriptions over 100 characters are accepted and put in the invoice.</summary>
    DescriptionUnbounded,

    /// <summary><c>ignore-expiry</c>: <c>expires_in_seconds</c> is ignored (invoices keep the default expiry).</summary>
    IgnoreExpiry,

    /// <summary><c>no-range</c>: code 5 / GFY 5 answers carry no <c>range</c>.</summary>
    NoRange,

    // ---- debits ----

    /// <summary><c>no-freshness-check</c>: debit and manage requests are served whatever their created_at (as Lightning.Pub).</summary>
    NoFreshnessCheck,

    /// <summary><c>no-amount-check</c>: a debit's <c>amount_sats</c> is not compared with the invoice.</summary>
    NoAmountCheck,

    /// <summary><c>wrong-error-code-bad-bolt11</c>: an undecodable bolt11 gets GFY 1 (Pub's "Request Denied"), not 6.</summary>
    WrongErrorCodeBadBolt11,

    /// <summary><c>consume-k1-early</c>: k1 is consumed before the request is validated (as Pub), so a corrected retry fails.</summary>
    ConsumeK1Early,

    /// <summary><c>k1-reusable</c>: a k1 is not single-use.</summary>
    K1Reusable,

    /// <summary><c>pay-twice-on-resign</c>: requests are deduplicated by event id only, so a re-signed copy pays the invoice again.</summary>
    PayTwiceOnResign,

    /// <summary><c>pay-unauthorized</c>: payment requests from requesters the policy does not authorize are paid.</summary>
    PayUnauthorized,

    /// <summary><c>retry-after-duration</c>: GFY 4's <c>retry_after</c> is a duration in seconds (Pub's 600), not a unix time.</summary>
    RetryAfterDuration,

    // ---- manage ----

    /// <summary><c>ignore-ownership</c>: any app may get, update or delete any offer, and list shows every offer.</summary>
    IgnoreOwnership,

    /// <summary><c>flat-create-fails</c>: a create in the spec's flat shape gets GFY 2 (as Pub).</summary>
    FlatCreateFails,

    /// <summary><c>unknown-id-denied</c>: get and update of an unknown id get GFY 1, and delete too (Pub), not 6 / ok.</summary>
    UnknownIdDenied,
}

/// <summary>What a defect does and which checks of specs/clink.md §10 it must make fail.</summary>
/// <param name="Defect">The defect.</param>
/// <param name="Name">Its stable name (the <c>--defect</c> value).</param>
/// <param name="Checks">The check ids that fail with it on (and pass without it).</param>
/// <param name="Description">What it does.</param>
public sealed record ClinkDefectInfo(ClinkDefect Defect, string Name, IReadOnlyList<string> Checks, string Description);

/// <summary>The catalogue of <see cref="ClinkDefect"/>s.</summary>
public static class ClinkDefects
{
    /// <summary>Every defect, in declaration order.</summary>
    public static IReadOnlyList<ClinkDefectInfo> All { get; } =
    [
        Info(ClinkDefect.NoClinkVersion, "no-clink-version", ["CLINK-VER-01"], "responses carry no clink_version tag"),
        Info(ClinkDefect.AcceptAnyVersion, "accept-any-version", ["CLINK-VER-02"], "requests without clink_version, or with an unknown version, are served"),
        Info(ClinkDefect.SkipSignatureCheck, "skip-signature-check", ["CLINK-EVT-01"], "request ids and signatures are not verified"),
        Info(ClinkDefect.AnswerResponses, "answer-responses", ["CLINK-NET-06"], "events with an e tag (responses) are answered"),
        Info(ClinkDefect.WrongPTag, "wrong-p-tag", ["CLINK-EVT-02", "CLINK-DEB-14"], "responses are addressed to the service's own key"),
        Info(ClinkDefect.RouteOnAnyP, "route-on-any-p", ["CLINK-OFF-12"], "a request naming the service only in a second p tag is served"),
        Info(ClinkDefect.IgnoreOfferPrice, "ignore-offer-price", ["CLINK-OFF-05"], "a fixed offer's invoice is for the payer's amount_sats"),
        Info(ClinkDefect.WrongInvoiceAmount, "wrong-invoice-amount", ["CLINK-OFF-02"], "a spontaneous offer's invoice is one sat more than asked"),
        Info(ClinkDefect.DescriptionUnbounded, "description-unbounded", ["CLINK-OFF-06"], "descriptions over 100 characters go into the invoice"),
        Info(ClinkDefect.IgnoreExpiry, "ignore-expiry", ["CLINK-OFF-07"], "expires_in_seconds is ignored"),
        // OFF-03 only notes a missing range (a SHOULD inside a MUST check); DEB-07 judges it.
        Info(ClinkDefect.NoRange, "no-range", ["CLINK-DEB-07"], "invalid-amount answers carry no range"),
        Info(ClinkDefect.NoFreshnessCheck, "no-freshness-check", ["CLINK-DEB-05", "CLINK-MAN-07"], "created_at is not checked (no GFY 3)"),
        Info(ClinkDefect.NoAmountCheck, "no-amount-check", ["CLINK-DEB-04"], "a debit's amount_sats is not compared with the invoice"),
        Info(ClinkDefect.WrongErrorCodeBadBolt11, "wrong-error-code-bad-bolt11", ["CLINK-DEB-02"], "an undecodable bolt11 gets GFY 1, not 6"),
        Info(ClinkDefect.ConsumeK1Early, "consume-k1-early", ["CLINK-DEB-09"], "k1 is consumed before validation"),
        Info(ClinkDefect.K1Reusable, "k1-reusable", ["CLINK-DEB-08"], "a k1 can be used again"),
        Info(ClinkDefect.PayTwiceOnResign, "pay-twice-on-resign", ["CLINK-DEB-15"], "requests are deduplicated by event id only"),
        Info(ClinkDefect.PayUnauthorized, "pay-unauthorized", ["CLINK-DEB-11"], "unauthorized requesters' payments are made"),
        Info(ClinkDefect.RetryAfterDuration, "retry-after-duration", ["CLINK-DEB-13"], "retry_after is a duration, not a unix time"),
        Info(ClinkDefect.IgnoreOwnership, "ignore-ownership", ["CLINK-MAN-05", "CLINK-MAN-06"], "apps may read, change and list each other's offers"),
        Info(ClinkDefect.FlatCreateFails, "flat-create-fails", ["CLINK-MAN-02"], "a create in the spec's flat shape gets GFY 2"),
        Info(ClinkDefect.UnknownIdDenied, "unknown-id-denied", ["CLINK-MAN-04"], "an unknown offer id gets GFY 1 for get, update and delete"),
    ];

    /// <summary>The stable name of a defect.</summary>
    public static string Name(ClinkDefect defect) => Get(defect).Name;

    /// <summary>The catalogue entry of a defect.</summary>
    public static ClinkDefectInfo Get(ClinkDefect defect) =>
        All.FirstOrDefault(d => d.Defect == defect) ?? throw new ArgumentOutOfRangeException(nameof(defect), defect, null);

    /// <summary>The defect with this name, if any.</summary>
    public static bool TryParse(string name, out ClinkDefect defect)
    {
        var info = All.FirstOrDefault(d => d.Name == name);
        defect = info?.Defect ?? default;
        return info is not null;
    }

    private static ClinkDefectInfo Info(ClinkDefect defect, string name, string[] checks, string description) => new(defect, name, checks, description);
}
