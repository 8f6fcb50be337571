using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Reports;

/// <summary>
/// Money still owed on issued invoices: per invoice, its total minus what the ledger says was received
/// (<see cref="Invoice.AmountPaid"/>), in the invoice's own currency. Balances of different currencies
/// are never added together: every figure is per currency. Shared by the aging report and the dashboard.
/// </summary>
public sealed class ReceivablesQueries(AppDbContext db)
{
    /// <summary>
    /// Open balances by client, currency and age past the due date on <paramref name="today"/>, optionally
    /// only invoices issued in a period. One grouped statement: the bucket is computed from the due date
    /// by the database.
    /// </summary>
    public async Task<AgingReport> AgingAsync(DateOnly today, DateOnly? issuedFrom = null, DateOnly? issuedTo = null, CancellationToken ct = default)
    {
        var d1 = today.AddDays(-1);
        var d31 = today.AddDays(-31);
        var d61 = today.AddDays(-61);
        var d91 = today.AddDays(-91);
        var open = db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue);
        if (issuedFrom is { } f) open = open.Where(i => i.IssueDate >= f);
        if (issuedTo is { } t) open = open.Where(i => i.IssueDate <= t);
        var groups = await open
            .GroupBy(i => new
            {
                i.ClientId, ClientName = i.Client!.Name, i.Currency,
                Age = i.DueDate > d1 ? 0 : i.DueDate > d31 ? 1 : i.DueDate > d61 ? 2 : i.DueDate > d91 ? 3 : 4,
            })
            .Select(g => new { g.Key.ClientId, g.Key.ClientName, g.Key.Currency, g.Key.Age, Total = g.Sum(i => i.Total), Paid = g.Sum(i => i.AmountPaid), Count = g.Count() })
            .ToListAsync(ct);
        var cells = groups.Select(g => new AgingCell(g.ClientId, g.ClientName, g.Currency, (ReceivableAge)g.Age, g.Total - g.Paid, g.Count)).ToList();
        var rows = cells.GroupBy(c => (c.ClientId, c.ClientName, c.Currency))
            .OrderBy(g => g.Key.ClientName, StringComparer.CurrentCultureIgnoreCase).ThenBy(g => g.Key.Currency)
            .Select(g => new AgingRow(g.Key.ClientId, g.Key.ClientName, g.Key.Currency,
                ReceivableAges.All.Select(a => g.Where(c => c.Age == a).Sum(c => c.Balance)).ToList(), g.Sum(c => c.Count)))
            .ToList();
        var totals = rows.GroupBy(r => r.Currency).OrderBy(g => g.Key)
            .Select(g => new AgingRow(null, "Total", g.Key,
                ReceivableAges.All.Select((_, k) => g.Sum(r => r.Buckets[k])).ToList(), g.Sum(r => r.Invoices)))
            .ToList();
        return new AgingReport(today, rows, totals);
    }
}

public sealed record AgingCell(int ClientId, string ClientName, string Currency, ReceivableAge Age, decimal Balance, int Count);

/// <summary>One client's (or, with no client, every client's) open balance in one currency, per age bucket in <see cref="ReceivableAges.All"/> order.</summary>
public sealed record AgingRow(int? ClientId, string Name, string Currency, IReadOnlyList<decimal> Buckets, int Invoices)
{
    public decimal Total => Buckets.Sum();

    /// <summary>Everything past its due date (all buckets but Current).</summary>
    public decimal Overdue => Buckets.Skip(1).Sum();
}

public sealed record AgingReport(DateOnly Today, IReadOnlyList<AgingRow> Rows, IReadOnlyList<AgingRow> Totals);
