namespace LnConform.Core.Macaroons;

/// <summary>A general caveat checker: true if it understands <paramref name="condition"/> and it holds.</summary>
public delegate bool CaveatPredicate(ReadOnlySpan<byte> condition);
