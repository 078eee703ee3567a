using LnConform.Core;

namespace LnConform.Harness.Wallet;

/// <summary>
/// A deliberate defect of the reference NWC wallet service (<see cref="NwcWalletService"/>), for the certifier's
/// self-test: each breaks one NIP-47 rule, and what it breaks is said here. With none the service follows the NIP.
/// Names (<see cref="NwcDefects.Name"/>) are stable.
/// </summary>
public enum NwcDefect
{
    /// <summary><c>wrong-e-tag</c>: the response's <c>e</c> tag names another event (sha256 of the request id), so no client can match it ("SHOULD contain an e tag with the id of the request"): every request times out.</summary>
    WrongETag,

    /// <summary><c>omit-p-tag</c>: responses have no <c>p</c> tag, so clients subscribed by <c>#p</c> never see them ("SHOULD contain one p tag").</summary>
    OmitPTag,

    /// <summary><c>no-encryption-tag</c>: the info event has no <c>encryption</c> tag, which says "NIP-04 only" although the service does NIP-44: clients fall back to the deprecated scheme.</summary>
    NoEncryptionTag,

    /// <summary><c>nip04-when-asked-nip44</c>: a request encrypted with <c>nip44_v2</c> is answered with NIP-04 ("Encrypted using the scheme requested by the client"): the client cannot decrypt it.</summary>
    Nip04WhenAskedNip44,

    /// <summary><c>ignore-budget</c>: payments over the connection's budget are made instead of refused with <c>QUOTA_EXCEEDED</c>.</summary>
    IgnoreBudget,

    /// <summary><c>wrong-error-code</c>: every error is reported as <c>OTHER</c> instead of the code the NIP names (<c>NOT_IMPLEMENTED</c>, <c>INSUFFICIENT_BALANCE</c>, <c>QUOTA_EXCEEDED</c>, <c>NOT_FOUND</c>, …).</summary>
    WrongErrorCode,

    /// <summary><c>ignore-expiration</c>: requests whose <c>expiration</c> tag has passed are answered (and paid) instead of ignored.</summary>
    IgnoreExpiration,

    /// <summary><c>wrong-result-type</c>: <c>result_type</c> is <c>"response"</c>, not the method ("MUST contain the name of the method").</summary>
    WrongResultType,

    /// <summary><c>answer-unknown-keys</c>: a request from a key with no connection is served (from the first connection) instead of refused with <c>UNAUTHORIZED</c>.</summary>
    AnswerUnknownKeys,

    /// <summary><c>wrong-preimage</c>: <c>pay_invoice</c> pays but answers with another 32 bytes (sha256 of the preimage), so the client cannot prove the payment ("preimage of the payment").</summary>
    WrongPreimage,

    /// <summary><c>silent-notifications</c>: the info event advertises <c>payment_received payment_sent</c>, but no notification is ever sent.</summary>
    SilentNotifications,
}

/// <summary>Names of <see cref="NwcDefect"/>.</summary>
public static class NwcDefects
{
    public static string Name(NwcDefect defect) => ErrorClass.Of(defect);

    public static bool TryParse(string name, out NwcDefect defect)
    {
        foreach (var d in Enum.GetValues<NwcDefect>())
        {
            if (Name(d) == name)
            {
                defect = d;
                return true;
            }
        }
        defect = default;
        return false;
    }
}
