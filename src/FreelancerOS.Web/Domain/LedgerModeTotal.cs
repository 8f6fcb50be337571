namespace FreelancerOS.Web.Domain;

/// <summary>
/// Every ledger entry of an account summed per kind and payment mode, whatever its date, kept in step with the entries
/// (as <see cref="LedgerMonthTotal"/>). What a mode holds today is this less the few entries dated after today, so the
/// forecast's balances read a handful of rows instead of every month of ten years.
/// </summary>
public class LedgerModeTotal
{
    public int Id { get; set; }
    public string OwnerId { get; set; } = "";
    public LedgerKind Kind { get; set; }
    /// <summary>The entries' payment mode, or <see cref="LedgerMonthTotal.None"/> for not received / not paid yet.</summary>
    public int PaymentModeId { get; set; }
    public int Count { get; set; }
    /// <summary>Sum of <see cref="LedgerEntry.HomeAmountMinor"/>.</summary>
    public long HomeAmountMinor { get; set; }
}
