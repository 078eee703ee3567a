using System.CommandLine;
using LnConform.Harness.Certify;
using LnConform.Harness.Certify.Clink;
using LnConform.Harness.Clink;
using LnConform.Harness.Payments;
using LnConform.Harness.Reports;
using LnConform.Harness.Wallet;

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
        var money = new MoneyOptions();
        var embedded = new Option<bool>("--embedded") { Description = "start a mock relay, two mock wallets and the reference CLINK service in-process and certify all its pointers" };
        var defects = new Option<string[]>("--defect") { Description = "with --embedded: switch on a deliberate defect of the reference service (repeatable): " + string.Join(", ", ClinkDefects.All.Select(d => d.Name)) };
        var common = new CommonOptions();
        var backend = Common.BackendOption();
        var command = new Command("clink", "certify a CLINK service (offers, debits, manage) over its relays (specs/clink.md §10)")
        {
            pointers, relays, key, wallet, embedded, defects, backend,
        };
        money.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(common.List))
            {
                PrintCatalog(ClinkTarget.Name);
                return ExitCodes.Conformant;
            }
            var redactor = new Redactor();
            var keyText = parse.GetValue(key);
            var walletUri = parse.GetValue(wallet);
            redactor.Add(keyText, "requester-key");
            redactor.Add(walletUri, "wallet");
            if (!common.TryRead(parse, out var settings, out var error))
                return Common.Error(error);
            var isEmbedded = parse.GetValue(embedded);
            var given = parse.GetValue(pointers) ?? [];
            if (isEmbedded == (given.Length > 0))
                return Common.Error(isEmbedded ? "--embedded certifies the reference service: give no pointer" : "give one or more pointers (noffer1..., ndebit1..., nmanage1...), or --embedded");
            if (isEmbedded && walletUri is not null)
                return Common.Error("--embedded pays with its own mock wallet: no --wallet");
            var chosen = new HashSet<ClinkDefect>();
            foreach (var name in parse.GetValue(defects) ?? [])
            {
                if (!isEmbedded)
                    return Common.Error("--defect needs --embedded");
                if (!ClinkDefects.TryParse(name, out var defect))
                    return Common.Error($"unknown defect '{name}' ({string.Join(", ", ClinkDefects.All.Select(d => d.Name))})");
                chosen.Add(defect);
            }
            byte[]? secret = null;
            if (keyText is not null && (secret = ClinkTarget.ParseKey(keyText)) is null)
                return Common.Error("--key is an nsec1... or 64 hex digits");
            var relayUris = new List<Uri>();
            foreach (var r in parse.GetValue(relays) ?? [])
            {
                if (!Uri.TryCreate(r, UriKind.Absolute, out var u) || u.Scheme is not ("ws" or "wss"))
                    return Common.Error($"--relay is a ws:// or wss:// URL: {r}");
                relayUris.Add(u);
            }
            var secp = Common.ResolveBackend(parse.GetValue(backend));
            if (secp is null)
                return ExitCodes.HarnessError;
            if (!money.TryRead(parse, out var limits, out var moneyError))
                return Common.Error(moneyError);
            ClinkEmbeddedStack? stack = null;
            NwcClient? nwc = null;
            try
            {
                ClinkSubject subject;
                IPayer? payer = null;
                var walletName = "none";
                if (isEmbedded)
                {
                    stack = await ClinkEmbeddedStack.StartAsync(secp, chosen, secret, cancellationToken);
                    subject = stack.Subject(relayUris.Count > 0 ? relayUris[0] : null);
                    (payer, walletName) = (stack.CertifierWallet, "mock");
                }
                else
                {
                    subject = new ClinkSubject(given, secret) { Relays = relayUris.Count > 0 ? relayUris : null };
                    if (walletUri is not null)
                    {
                        if (OpenNwcWallet(walletUri, secp, settings.Timeout, redactor, out nwc) is { } bad)
                            return Common.Error(bad);
                        (payer, walletName) = (nwc, "nwc");
                    }
                }
                var payments = new CertifyPayments(payer, walletName, limits, parse.GetValue(money.DryRun), secp, redactor);
                return await RunAsync(new ClinkTarget(subject, secp), settings.Options(string.Join(" ", subject.Pointers), null, payments, redactor), settings.Reports, cancellationToken);
            }
            catch (IOException e) when (stack is null && isEmbedded)
            {
                return Common.Error($"cannot start the embedded service: {e.Message}");
            }
            finally
            {
                if (nwc is not null)
                    await nwc.DisposeAsync();
                if (stack is not null)
                    await stack.DisposeAsync();
            }
        });
        return command;
    }
}
