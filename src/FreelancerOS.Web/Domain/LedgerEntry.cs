namespace FreelancerOS.Web.Domain;

public enum LedgerKind
{
    Income = 1,
    Expense = 2,
}

/// <summary>
/// One line of the ledger: an <see cref="Income"/> or an <see cref="Expense"/> (one table, so the ledger
/// pages, filters and totals read a single indexed table). The amount is kept as typed, in its own
/// currency; the home-currency value is computed once from the exchange rate the user typed for the
/// entry's date and stored as an integer count of minor units, so totals are exact, fast on SQLite,
/// and never move when rates do.
/// </summary>
public abstract class LedgerEntry : OwnedEntity, ICreated
{
    public LedgerKind Kind { get; protected set; }
    public DateOnly Date { get; private set; }

    /// <summary>yyyymm of <see cref="Date"/>: months are grouped on an integer, not on a date-part function per row.</summary>
    public int Period { get; private set; }

    public string Description { get; set; } = "";
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = "EUR";

    /// <summary>Home-currency units per unit of <see cref="Currency"/>, as of the entry's date; 1 for home-currency entries.</summary>
    public decimal ExchangeRate { get; private set; } = 1m;

    /// <summary>Amount × rate, rounded to the home currency's minor unit, in minor units (cents).</summary>
    public long HomeAmountMinor { get; private set; }

    public int? CategoryId { get; set; }
    public LedgerCategory? Category { get; set; }

    /// <summary>How the money moved. Empty means not received (income) or not paid (expense) yet.</summary>
    public int? PaymentModeId { get; set; }
    public PaymentMode? PaymentMode { get; set; }

    public int? ProjectId { get; set; }
    public int? InvoiceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool IsSettled => PaymentModeId is not null;

    public static int PeriodOf(DateOnly date) => date.Year * 100 + date.Month;

    /// <summary>
    /// Sets date and money. An entry in another currency than <paramref name="homeCurrency"/> needs the
    /// rate typed by the user; a home-currency entry always has rate 1. The home value is computed here
    /// and nowhere else, so it only changes when the amount, currency, rate or date is edited.
    /// </summary>
    public void Record(DateOnly date, decimal amount, string currency, decimal? exchangeRate, string homeCurrency)
    {
        currency = Domain.Currency.Normalize(currency);
        if (!Domain.Currency.IsKnown(currency))
            throw new DomainException("Choose an ISO 4217 currency code, such as EUR or USD.", nameof(Currency));
        if (amount <= 0)
            throw new DomainException("Enter an amount greater than zero.", nameof(Amount));
        if (!Limits.IsWithinAmount(amount, currency))
            throw new DomainException(Limits.AmountMessage(currency), nameof(Amount));
        if (!Limits.IsSaneDate(date))
            throw new DomainException(Limits.DateMessage, nameof(Date));
        if (Domain.Currency.Round(amount, currency) != amount)
            throw new DomainException($"{currency} amounts have at most {Domain.Currency.MinorUnitDigits(currency)} decimals.", nameof(Amount));

        decimal rate;
        if (currency == homeCurrency) rate = 1m;
        else if (exchangeRate is not { } r || r <= 0)
            throw new DomainException($"Enter the exchange rate: how many {homeCurrency} one {currency} was worth on that date.", nameof(ExchangeRate));
        else if (r > Limits.MaxExchangeRate || decimal.Round(r, Limits.ExchangeRateDecimals) != r)
            throw new DomainException("Enter a rate up to 1,000,000 with at most 8 decimals.", nameof(ExchangeRate));
        else rate = r;

        // The home value is what the ledger sums as a long: it has the same bound as a typed amount.
        var home = HomeValue(amount, rate, homeCurrency);
        if (!Limits.IsWithinAmount(home, homeCurrency))
            throw new DomainException($"At this rate that is {Domain.Currency.Format(home, homeCurrency, System.Globalization.CultureInfo.InvariantCulture)}: " +
                $"{Limits.AmountMessage(homeCurrency)[0..1].ToLowerInvariant()}{Limits.AmountMessage(homeCurrency)[1..]}", nameof(Amount));

        Date = date;
        Period = PeriodOf(date);
        Amount = amount;
        Currency = currency;
        ExchangeRate = rate;
        HomeAmountMinor = ToMinor(home, homeCurrency);
    }

    /// <summary>The home-currency value of an amount at a rate, rounded half away from zero to the home currency.</summary>
    public static decimal HomeValue(decimal amount, decimal rate, string homeCurrency) =>
        Domain.Currency.Round(amount * rate, homeCurrency);

    public decimal HomeAmount(string homeCurrency) => FromMinor(HomeAmountMinor, homeCurrency);

    public static long ToMinor(decimal amount, string currency) =>
        (long)(amount * Scale(currency));

    public static decimal FromMinor(long minor, string currency) => minor / Scale(currency);

    private static decimal Scale(string currency) => Domain.Currency.MinorUnitDigits(currency) switch
    {
        0 => 1m,
        1 => 10m,
        2 => 100m,
        3 => 1000m,
        var d => (decimal)Math.Pow(10, d),
    };

    public void MarkSettled(int paymentModeId) => PaymentModeId = paymentModeId;
}

public class Income : LedgerEntry
{
    public Income() => Kind = LedgerKind.Income;

    public int? ClientId { get; set; }
    public Client? Client { get; set; }
    public int? ServiceId { get; set; }
}

public class Expense : LedgerEntry
{
    public const long MaxReceiptBytes = 10 * 1024 * 1024;

    public Expense() => Kind = LedgerKind.Expense;

    public string? Vendor { get; set; }

    /// <summary>To be billed on to a client (the project it belongs to is <see cref="LedgerEntry.ProjectId"/>).</summary>
    public bool Rechargeable { get; set; }

    /// <summary>
    /// Why this change may not be made while the expense is billed on an invoice (<see cref="LedgerEntry.InvoiceId"/>
    /// set), or null when it may: the invoice line holds its amount and currency and the expense was taken as a
    /// rechargeable cost of its project, so those stay as billed and the expense cannot be deleted. Description,
    /// vendor, date, category and payment mode stay editable (the line keeps its own text).
    /// </summary>
    public string? WhyNotChange(decimal? newAmount, string? newCurrency, int? newProjectId, bool newRechargeable, bool deleting, string invoiceName)
    {
        if (InvoiceId is null) return null;
        const string how = "Take its line off the draft, delete the draft or void the invoice first.";
        if (deleting)
            return $"This expense is billed on {invoiceName}, so it cannot be deleted. {how}";
        if (newAmount != Amount || !string.Equals(Domain.Currency.Normalize(newCurrency ?? ""), Currency, StringComparison.Ordinal))
            return $"This expense is billed on {invoiceName}: its amount and currency are on the invoice and cannot be changed. {how}";
        if (newProjectId != ProjectId || !newRechargeable)
            return $"This expense is billed on {invoiceName}: it stays a rechargeable expense of its project. {how}";
        return null;
    }

    /// <summary>
    /// Where a receipt stored as a file before receipts moved into the database was, relative to the data
    /// folder; moved in (and cleared) at start-up. The receipt's bytes are a <see cref="StoredReceipt"/>.
    /// </summary>
    public string? ReceiptPath { get; set; }
    /// <summary>The receipt's name as uploaded; null when the expense has no receipt.</summary>
    public string? ReceiptFileName { get; set; }
    public string? ReceiptContentType { get; set; }

    /// <summary>The content type a receipt really has, read from its first bytes; null when it is not a PDF, PNG or JPEG.</summary>
    public static string? SniffReceiptType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })) return "image/jpeg";
        return null;
    }

    public static string ExtensionFor(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        _ => ".jpg",
    };
}

/// <summary>An income classification or an expense category. "Client" (income) is built in.</summary>
public class LedgerCategory : OwnedEntity
{
    public const string ClientClassification = "Client";

    public LedgerKind Kind { get; set; }
    public string Name { get; private set; } = "";
    public bool IsBuiltIn { get; private set; }

    public LedgerCategory(LedgerKind kind, string name, bool isBuiltIn = false)
    {
        Kind = kind;
        Name = name.Trim();
        IsBuiltIn = isBuiltIn;
    }

    private LedgerCategory() { }

    public static LedgerCategory BuiltInClient() => new(LedgerKind.Income, ClientClassification, isBuiltIn: true);

    public void Rename(string name)
    {
        if (IsBuiltIn) throw new DomainException($"\"{Name}\" is built in: invoices and the workflow rely on it, so it cannot be renamed.", nameof(Name));
        Name = name.Trim();
    }

    public void EnsureDeletable()
    {
        if (IsBuiltIn) throw new DomainException($"\"{Name}\" is built in and cannot be deleted.");
    }
}

/// <summary>Bank, Cash, Card, PayPal...: where money came in or went out.</summary>
public class PaymentMode : OwnedEntity
{
    public string Name { get; set; } = "";
}
