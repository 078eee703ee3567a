namespace LnConform.Core.L402;

/// <summary>Deployed clients whose challenge parsing <see cref="L402KnownClients"/> emulates. Kebab names are stable.</summary>
public enum L402KnownClient
{
    /// <summary>aperture <c>l402/client_interceptor.go</c>.</summary>
    ApertureClient,

    /// <summary>lnget <c>l402/header.go</c>.</summary>
    Lnget,

    /// <summary>lsat-js <c>src/lsat.ts</c>.</summary>
    LsatJs,
}
