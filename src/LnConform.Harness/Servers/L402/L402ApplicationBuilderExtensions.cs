using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LnConform.Harness.Servers.L402;

/// <summary>Wiring of the reference L402 server into an ASP.NET Core pipeline.</summary>
public static class L402ApplicationBuilderExtensions
{
    /// <summary>Adds the L402 middleware: priced routes need a paid token (see <see cref="L402Middleware"/>).</summary>
    public static IApplicationBuilder UseL402(this IApplicationBuilder app, L402ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return app.UseMiddleware<L402Middleware>(options);
    }

    /// <summary>
    /// Ends the pipeline with a built-in backend, so a server is usable alone: an accepted request gets
    /// 200 with JSON describing it and its token; <c>GET /</c> lists the priced routes; anything else
    /// is 404.
    /// </summary>
    public static IApplicationBuilder UseL402EchoBackend(this IApplicationBuilder app, L402ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        app.Run(context => L402EchoBackend.HandleAsync(context, options));
        return app;
    }
}

/// <summary>The built-in backend behind the L402 middleware.</summary>
public static class L402EchoBackend
{
    /// <summary>Answers one request (see <see cref="L402ApplicationBuilderExtensions.UseL402EchoBackend"/>).</summary>
    public static async Task HandleAsync(HttpContext context, L402ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var request = context.Request;
        var response = context.Response;
        var l402 = context.GetL402();
        var free = l402 is null && options.Match(request.Path.Value ?? "/") is { PriceMsat: 0 };
        if (l402 is null && !free && request.Path != "/")
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            await response.WriteAsync("not found", context.RequestAborted);
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (l402 is null && !free)
            {
                json.WriteString("server", "lnconform reference L402 server");
                json.WriteString("profile", options.Profile.Name);
                json.WriteStartArray("routes");
                foreach (var route in options.Routes)
                {
                    json.WriteStartObject();
                    json.WriteString("path_prefix", route.PathPrefix);
                    json.WriteString("service", route.Service);
                    json.WriteNumber("price_msat", route.PriceMsat);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            else
            {
                json.WriteString("method", request.Method);
                json.WriteString("path", request.Path.Value);
                json.WriteString("query", request.QueryString.Value);
                if (l402 is not null)
                {
                    var caveats = l402.Authorization.Caveats;
                    json.WriteString("service", l402.Route.Service);
                    json.WriteNumber("price_msat", l402.Route.PriceMsat);
                    json.WriteString("token_id", l402.TokenId);
                    json.WriteString("payment_hash", l402.PaymentHash);
                    json.WriteString("scheme", l402.Credential.Scheme);
                    if (caveats.ValidUntil is { } until)
                        json.WriteNumber("valid_until", until.ToUnixTimeSeconds());
                    WriteStrings(json, "services", caveats.Services);
                    WriteStrings(json, "capabilities", caveats.Capabilities);
                    WriteStrings(json, "skipped_caveats", caveats.Skipped);
                    WriteStrings(json, "caveat_flags", caveats.FlagNames);
                    WriteStrings(json, "credential_flags", l402.Credential.FlagNames);
                }
            }
            json.WriteEndObject();
        }
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
            return;
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
