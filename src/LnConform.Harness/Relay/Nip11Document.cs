using System.Text.Encodings.Web;
using System.Text.Json;
using LnConform.Harness.Reports;

namespace LnConform.Harness.Relay;

/// <summary>The NIP-11 relay information document, served on HTTP GET with <c>Accept: application/nostr+json</c>.</summary>
internal static class Nip11Document
{
    public const string MediaType = "application/nostr+json";

    /// <summary>NIP-01 and NIP-11.</summary>
    public static readonly int[] SupportedNips = [1, 11];

    public const string Software = "lnconform-mock-relay";

    public static byte[] Write(RelayOptions options)
    {
        var limits = options.Limits;
        using var stream = new MemoryStream();
        // Relaxed escaping: a '+' in the version stays a '+' (still valid JSON).
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("name", options.Name);
            w.WriteString("description", options.Description);
            w.WriteStartArray("supported_nips");
            foreach (var nip in SupportedNips)
                w.WriteNumberValue(nip);
            w.WriteEndArray();
            w.WriteString("software", Software);
            w.WriteString("version", ToolInfo.Version);
            w.WriteStartObject("limitation");
            w.WriteNumber("max_message_length", limits.MaxMessageLength);
            w.WriteNumber("max_subscriptions", limits.MaxSubscriptions);
            w.WriteNumber("max_filters", limits.MaxFilters);
            w.WriteNumber("max_limit", limits.MaxLimit);
            w.WriteNumber("max_subid_length", limits.MaxSubscriptionIdLength);
            w.WriteNumber("max_event_tags", limits.MaxEventTags);
            w.WriteNumber("max_content_length", limits.MaxContentLength);
            w.WriteBoolean("auth_required", false);
            w.WriteBoolean("payment_required", false);
            w.WriteBoolean("restricted_writes", false);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return stream.ToArray();
    }
}
