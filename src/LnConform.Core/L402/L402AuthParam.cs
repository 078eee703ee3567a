namespace LnConform.Core.L402;

/// <summary>An RFC 7235 auth-param: the name as written, the value (quoted-pairs resolved), and whether it was quoted.</summary>
public sealed record L402AuthParam(string Name, string Value, bool Quoted);
