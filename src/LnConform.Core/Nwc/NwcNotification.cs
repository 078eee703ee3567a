using System.Text.Json.Nodes;

namespace LnConform.Core.Nwc;

/// <summary>
/// The decrypted content of a kind 23197 (or 23196) notification (NIP-47 "Notification Events"):
/// <c>notification_type</c> and <c>notification</c>, a transaction for <c>payment_received</c> and <c>payment_sent</c>.
/// </summary>
public sealed record NwcNotification(string NotificationType, JsonObject Notification)
{
    public NwcMessageFlags Flags { get; init; }

    /// <summary>The transaction, for the types that carry one.</summary>
    public NwcTransaction? Transaction { get; init; }

    public static NwcNotification Of(string type, NwcTransaction transaction) => new(type, transaction.ToJson()) { Transaction = transaction };

    public static Result<NwcNotification, NwcMessageError> Parse(string json, NwcMessageOptions? options = null) => NwcJson.Run(json, options, (reader, root) =>
    {
        var type = NwcJson.ReqString(root, "notification_type");
        var body = NwcJson.ReqObject(root, "notification");
        var transaction = type is NwcNotificationTypes.PaymentReceived or NwcNotificationTypes.PaymentSent ? NwcTransaction.Read(reader, body) : null;
        return new NwcNotification(type, (JsonObject)body.DeepClone()) { Transaction = transaction, Flags = reader.Flags };
    });

    public string Write() => new JsonObject { ["notification_type"] = NotificationType, ["notification"] = Notification.DeepClone() }.ToJsonString();
}
