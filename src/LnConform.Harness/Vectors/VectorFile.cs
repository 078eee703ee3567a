using System.Text.Json.Nodes;

namespace LnConform.Harness.Vectors;

/// <summary>The verdict a vector states about its input (Wycheproof's sense).</summary>
public enum VectorResult
{
    /// <summary>The input is well-formed and correct: the op must accept it and return <c>expected</c>.</summary>
    Valid,

    /// <summary>The input must be rejected (with <c>error</c> as the class, when the vector names one).</summary>
    Invalid,

    /// <summary>Either outcome conforms; the flags say why. An acceptance must still match <c>expected</c>.</summary>
    Acceptable,
}

/// <summary>One vector: exactly one adapter call and what must come of it.</summary>
public sealed record VectorTest(
    string Id,
    string Op,
    JsonObject Input,
    VectorResult Result,
    JsonObject? Expected,
    string? Error,
    IReadOnlyList<string> Flags,
    string? Comment,
    string ProvenanceKind,
    string ProvenanceRef)
{
    /// <summary>The file this vector came from, relative to the vectors folder (e.g. <c>crypto/bip340.json</c>).</summary>
    public string File { get; init; } = "";
}

/// <summary>A vector file (<c>vectors/&lt;format&gt;/*.json</c>), as the schema describes it.</summary>
public sealed record VectorFile(
    string Path,
    string Format,
    string SpecDoc,
    string SpecRevision,
    IReadOnlyDictionary<string, string> Notes,
    IReadOnlyList<VectorTest> Tests)
{
    /// <summary>SHA-256 of the file's bytes (lowercase hex), for reports.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>Set when a later revision replaced this file: why, and by which file.</summary>
    public Superseded? Superseded { get; init; }
}

/// <summary>A file kept as published but pinned to a revision that a later one replaced.</summary>
public sealed record Superseded(string Reason, string By);
