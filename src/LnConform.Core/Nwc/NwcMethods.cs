namespace LnConform.Core.Nwc;

/// <summary>The NIP-47 command names this code models (the others parse as <see cref="UnknownParams"/>).</summary>
public static class NwcMethods
{
    public const string PayInvoice = "pay_invoice";
    public const string MakeInvoice = "make_invoice";
    public const string LookupInvoice = "lookup_invoice";
    public const string ListTransactions = "list_transactions";
    public const string GetBalance = "get_balance";
    public const string GetInfo = "get_info";

    /// <summary>The capability that says the wallet sends notifications (info event content).</summary>
    public const string Notifications = "notifications";

    /// <summary>Every modelled method, in the NIP's order.</summary>
    public static IReadOnlyList<string> All { get; } = [PayInvoice, MakeInvoice, LookupInvoice, ListTransactions, GetBalance, GetInfo];
}

/// <summary>The notification types of NIP-47 "Notifications" this code models.</summary>
public static class NwcNotificationTypes
{
    public const string PaymentReceived = "payment_received";
    public const string PaymentSent = "payment_sent";
}
