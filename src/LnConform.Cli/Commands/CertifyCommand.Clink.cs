using System.CommandLine;
using LnConform.Harness.Certify.Clink;
using LnConform.Harness.Reports;

namespace LnConform.Cli.Commands;

/// <summary><c>lnconform certify clink &lt;pointer&gt;...</c>: a CLINK service over its relays (specs/clink.md §10).</summary>
public static partial class CertifyCommand
{
    private static Command Clink()
    {
        var pointers = new Argument<string[]>("pointer") { Description = "noffer1..., ndebit1..., nmanage1... of one service (several allowed)", Arity = ArgumentArity.ZeroOrMore };
        var relays = new Option<string[]>("--relay") { Description = "use this relay instead of the pointers' (repeatable)" };
        var key = new Option<string?>("--key") { Description = "the requester key (nsec1... or hex); default random. A debit service must authorize its public key (printed), or give a k1 session ndebit" };
        var wallet = new Option<string?>("--wallet") { Description = "a nostr+walletconnect:// URI that pays the offer invoice of CLINK-OFF-10 (default: none, the check is skipped)" };
        var embedded = new Option<bool>("--embedded") { Description = "start a mock relay, two mock wallets and the reference CLINK service in-process and certify all its pointers" };
        var defects = new Option<string[]>("--defect") { Description = "with --embedded: switch on a deliberate defect of the reference service (repeatable): " + ClinkCertifyPlan.DefectNames };
        var common = new CommonOptions();
        var backend = Common.BackendOption();
        var command = new Command("clink", "certify a CLINK service (offers, debits, manage) over its relays (specs/clink.md §10)")
        {
            pointers, relays, key, wallet, embedded, defects, backend,
        };
        common.AddTo(command);
        SetAction(command, common, backend, ClinkTarget.Name, (parse, settings) =>
            ClinkCertifyPlan.TryCreate(new ClinkCertifyRequest
            {
                Pointers = parse.GetValue(pointers) ?? [],
                Relays = parse.GetValue(relays) ?? [],
                Key = parse.GetValue(key),
                Wallet = parse.GetValue(wallet),
                Embedded = parse.GetValue(embedded),
                Defects = parse.GetValue(defects) ?? [],
                Settings = settings,
            }, out var plan, out var error) ? (plan, "") : (null, error));
        return command;
    }
}
