namespace LnConform.Core.L402;

/// <summary>The root key stored under <paramref name="rootKeyId"/> (<c>sha256(identifier)</c>), or null if none (revoked). Keeps Core free of storage.</summary>
public delegate byte[]? L402RootKeyLookup(ReadOnlySpan<byte> rootKeyId);
