namespace LnConform.Core.Nostr.Nip01;

/// <summary><c>["NOTICE", &lt;message&gt;]</c>: "human-readable error messages or other things".</summary>
public sealed record NoticeMessage(string Message) : RelayMessage
{
    public override string Type => "NOTICE";
}
