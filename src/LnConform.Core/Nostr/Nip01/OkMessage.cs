namespace LnConform.Core.Nostr.Nip01;

/// <summary>
/// <c>["OK", &lt;event_id&gt;, &lt;true|false&gt;, &lt;message&gt;]</c>: the answer to every <c>EVENT</c>. The message
/// may be empty when accepted; otherwise it is <c>prefix: text</c> (<see cref="MachineReadablePrefix"/>).
/// </summary>
public sealed record OkMessage(string EventId, bool Accepted, string Message) : RelayMessage
{
    public override string Type => "OK";

    /// <summary>The machine-readable prefix of <see cref="Message"/>, or null.</summary>
    public string? Prefix => MachineReadablePrefix.Of(Message);

    /// <summary>An <c>OK</c> whose message is <c>prefix: text</c>.</summary>
    public static OkMessage Create(string eventId, bool accepted, StandardPrefix prefix, string text) =>
        new(eventId, accepted, MachineReadablePrefix.Format(prefix, text));
}
