using System.Text.Json.Nodes;

namespace LnConform.Harness.Vectors.Craft;

/// <summary>
/// Makes a file of crafted vectors from code, deterministically, so every crafted vector can be
/// regenerated and reviewed (<c>lnconform vectors craft NAME</c>); a test checks the committed
/// file equals a fresh generation.
/// </summary>
public interface IVectorGenerator
{
    string Name { get; }

    /// <summary>Where the result goes, relative to <c>vectors/</c>.</summary>
    string OutputPath { get; }

    JsonObject Generate();
}

public static class VectorGenerators
{
    public static IReadOnlyList<IVectorGenerator> All { get; } = [new Bolt11Crafted(), new MacaroonCrafted(), new L402Grammar(), new NostrCrafted(), new Nip19Crafted(), new NwcCrafted(), new ClinkPointersCrafted(), new ClinkMessagesCrafted()];

    public static IVectorGenerator? Find(string name) => All.FirstOrDefault(g => g.Name == name);
}
