namespace LnConform.Core.Nostr.Nip01;

/// <summary>NIP-01 "Kinds": the kind ranges.</summary>
public static class NostrKinds
{
    /// <summary>The class of <paramref name="kind"/> (0..65535).</summary>
    public static KindClass Classify(int kind) => kind switch
    {
        1 or 2 or (>= 4 and < 45) or (>= 1000 and < 10000) => KindClass.Regular,
        0 or 3 or (>= 10000 and < 20000) => KindClass.Replaceable,
        >= 20000 and < 30000 => KindClass.Ephemeral,
        >= 30000 and < 40000 => KindClass.Addressable,
        _ => KindClass.Unspecified,
    };
}
