namespace FreelancerOS.Web.Domain;

/// <summary>
/// The kept totals of the ledger: the number, home-currency sum and own-currency sum of an account's entries of one month,
/// kind, payment mode, classification/category and currency. They are changed in the same transaction as
/// the entries, by <c>AppDbContext.SaveChanges</c> from the change tracker (so every write path through
/// EF keeps them right without knowing about them); a bulk update that moves entries between months,
/// modes, categories or currencies must go through <c>KeptLedgerTotals</c> too. Read by the ledger's
/// all-time and period totals and by the balances, which then never scan every entry.
/// </summary>
public class LedgerMonthTotal
{
    /// <summary>Stands for "none" in <see cref="PaymentModeId"/> and <see cref="CategoryId"/>: the key has no nulls, so one unique index finds the row on every database (PostgreSQL's unique indexes treat nulls as distinct).</summary>
    public const int None = 0;

    public int Id { get; set; }
    public string OwnerId { get; set; } = "";
    /// <summary>yyyymm, as <see cref="LedgerEntry.Period"/>.</summary>
    public int Period { get; set; }
    public LedgerKind Kind { get; set; }
    /// <summary>The entries' payment mode, or <see cref="None"/> for not received / not paid yet.</summary>
    public int PaymentModeId { get; set; }
    /// <summary>The entries' classification (income) or category (expense), or <see cref="None"/>.</summary>
    public int CategoryId { get; set; }
    public string Currency { get; set; } = "";
    public int Count { get; set; }
    /// <summary>Sum of <see cref="LedgerEntry.HomeAmountMinor"/>.</summary>
    public long HomeAmountMinor { get; set; }
    /// <summary>
    /// Sum of the entries' amounts in their own <see cref="Currency"/>, in its minor units (exact: an amount has at most
    /// the currency's decimals), so totals in a foreign currency need no decimal sum over every entry either.
    /// </summary>
    public long AmountMinor { get; set; }
}
