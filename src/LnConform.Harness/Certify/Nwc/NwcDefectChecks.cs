using LnConform.Harness.Wallet;

namespace LnConform.Harness.Certify.Nwc;

/// <summary>
/// Which NWC checks each <see cref="NwcDefect"/> of the reference wallet service must make deviate, and no others (the
/// self-test certifies <c>--embedded</c> with each defect and compares). A defect missing here fails the self-test.
/// </summary>
public static class NwcDefectChecks
{
    public static IReadOnlyList<string> Of(NwcDefect defect) => defect switch
    {
        NwcDefect.WrongETag => ["NWC-RES-03"],
        NwcDefect.OmitPTag => ["NWC-RES-02"],
        NwcDefect.NoEncryptionTag => ["NWC-INFO-02"],
        NwcDefect.Nip04WhenAskedNip44 => ["NWC-ENC-01"],
        NwcDefect.IgnoreBudget => ["NWC-PAY-04"],
        NwcDefect.WrongErrorCode => ["NWC-ENC-03", "NWC-ERR-01", "NWC-ERR-02", "NWC-MTH-04", "NWC-PAY-03", "NWC-PAY-04"],
        NwcDefect.IgnoreExpiration => ["NWC-ERR-03"],
        NwcDefect.WrongResultType => ["NWC-RES-04"],
        NwcDefect.AnswerUnknownKeys => ["NWC-ERR-02"],
        NwcDefect.WrongPreimage => ["NWC-PAY-01"],
        NwcDefect.SilentNotifications => ["NWC-NTF-01"],
        _ => [],
    };
}
