using LnConform.Core.Nostr.Nip01;

namespace LnConform.Harness.Clink;

/// <summary>What the service did with one event.</summary>
public enum ClinkHandling
{
    /// <summary>Dropped without an answer (<see cref="ClinkHandled.Reason"/> says why).</summary>
    Ignored,

    /// <summary>Served, and deliberately not answered (an unknown requester under <see cref="UnknownRequesterAction.Ignore"/>).</summary>
    Silent,

    /// <summary>Answered with <see cref="ClinkHandled.Response"/>.</summary>
    Answered,
}

/// <summary>The outcome of <see cref="ClinkService.HandleEventAsync"/>.</summary>
/// <param name="Handling">Ignored, silent or answered.</param>
/// <param name="Reason">Why it was ignored or left silent.</param>
/// <param name="Response">The signed response event.</param>
/// <param name="ResponseJson">Its plaintext payload.</param>
public sealed record ClinkHandled(ClinkHandling Handling, string? Reason = null, NostrEvent? Response = null, string? ResponseJson = null);
