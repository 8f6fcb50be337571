using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
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
        // Each client and currency's buckets filled in one pass over the grouped rows (a few per client), in All's order.
        var byClient = new Dictionary<(int ClientId, string ClientName, string Currency), (decimal[] Buckets, int Count)>();
        await foreach (var g in Groups.For(db)(db, today.AddDays(-1), today.AddDays(-31), today.AddDays(-61), today.AddDays(-91),
                           issuedFrom ?? DateOnly.MinValue, issuedTo ?? DateOnly.MaxValue).WithCancellation(ct))
        {
            var key = (g.ClientId, g.ClientName, g.Currency);
            if (!byClient.TryGetValue(key, out var cell)) cell = (new decimal[ReceivableAges.All.Count], 0);
            cell.Buckets[g.Age] += g.Total - g.Paid;
            byClient[key] = (cell.Buckets, cell.Count + g.Count);
        }
        var rows = byClient
            .OrderBy(c => c.Key.ClientName, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Key.Currency)
            .Select(c => new AgingRow(c.Key.ClientId, c.Key.ClientName, c.Key.Currency, c.Value.Buckets, c.Value.Count))
            .ToList();
        var totals = rows.GroupBy(r => r.Currency).OrderBy(g => g.Key)
            .Select(g => new AgingRow(null, "Total", g.Key,
                ReceivableAges.All.Select((_, k) => g.Sum(r => r.Buckets[k])).ToList(), g.Sum(r => r.Invoices)))
            .ToList();
        return new AgingReport(today, rows, totals);
    }

    /// <summary>
    /// The open invoices' totals and payments per client, currency and age (the index of its bucket in
    /// <see cref="ReceivableAges.All"/>), the ages' first days given. Compiled once, as building it on every view cost
    /// about as much as running it; an open end of the issue period is the first or last day a date can hold.
    /// </summary>
    private static readonly CompiledPerModel<Func<AppDbContext, DateOnly, DateOnly, DateOnly, DateOnly, DateOnly, DateOnly, IAsyncEnumerable<AgeGroup>>> Groups = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, DateOnly d1, DateOnly d31, DateOnly d61, DateOnly d91, DateOnly from, DateOnly to) => db.Invoices.AsNoTracking()
            .Where(i => (i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue) && i.IssueDate >= from && i.IssueDate <= to)
            .GroupBy(i => new
            {
                i.ClientId, ClientName = i.Client!.Name, i.Currency,
                Age = i.DueDate > d1 ? 0 : i.DueDate > d31 ? 1 : i.DueDate > d61 ? 2 : i.DueDate > d91 ? 3 : 4,
            })
            .Select(g => new AgeGroup
            {
                ClientId = g.Key.ClientId, ClientName = g.Key.ClientName, Currency = g.Key.Currency, Age = g.Key.Age,
                Total = g.Sum(i => i.Total), Paid = g.Sum(i => i.AmountPaid), Count = g.Count(),
            })));

    private sealed class AgeGroup
    {
        public int ClientId { get; init; }
        public string ClientName { get; init; } = "";
        public string Currency { get; init; } = "";
        public int Age { get; init; }
        public decimal Total { get; init; }
        public decimal Paid { get; init; }
        public int Count { get; init; }
    }
}

/// <summary>One client's (or, with no client, every client's) open balance in one currency, per age bucket in <see cref="ReceivableAges.All"/> order.</summary>
public sealed record AgingRow(int? ClientId, string Name, string Currency, IReadOnlyList<decimal> Buckets, int Invoices)
{
    public decimal Total => Buckets.Sum();

    /// <summary>Everything past its due date (all buckets but Current).</summary>
    public decimal Overdue => Buckets.Skip(1).Sum();
}

public sealed record AgingReport(DateOnly Today, IReadOnlyList<AgingRow> Rows, IReadOnlyList<AgingRow> Totals);
