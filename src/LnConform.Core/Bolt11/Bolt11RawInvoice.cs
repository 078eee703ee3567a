namespace LnConform.Core.Bolt11;

/// <summary>
/// An unsigned invoice at the wire level: any human-readable part, a timestamp, and tagged fields in order,
/// with no semantic checks, so that tests and vector crafting can build any invoice (invalid ones included)
/// and sign it with <see cref="Bolt11Writer"/>.
/// </summary>
/// <param name="Hrp">The human-readable part; written lowercase.</param>
/// <param name="Timestamp">Below 2^35.</param>
public sealed record Bolt11RawInvoice(string Hrp, ulong Timestamp, IReadOnlyList<Bolt11RawField> Fields);
