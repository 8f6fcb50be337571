using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Reports;

/// <summary>
/// Profitability over a period, by project and by client. Billed: issued invoices (Sent, Overdue, Paid)
/// by issue date, before tax, in the invoice's currency (a project: its billed lines; a client: the
/// invoices' subtotals, typed lines included). Hours: every hour logged in the period, billable or not.
/// Effective rate: billed ÷ hours. Expenses: those of the project's (or the client's projects') ledger
/// entries in the period, rechargeable and not, in the home currency. Five grouped statements.
/// </summary>
public sealed class ProfitabilityQueries(AppDbContext db)
{
    public static readonly IReadOnlyList<string> Sorts = ["name", "client", "billed", "hours", "rate", "recharged", "costs"];

    public async Task<ProfitabilityReport> LoadAsync(ReportPeriod period, string home, string? sort, string? dir, CancellationToken ct = default)
    {
        var invoices = db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue || i.Status == InvoiceStatus.Paid);
        if (period.From is { } f) invoices = invoices.Where(i => i.IssueDate >= f);
        if (period.To is { } t) invoices = invoices.Where(i => i.IssueDate <= t);
        var time = db.TimeEntries.AsNoTracking();
        if (period.From is { } tf) time = time.Where(e => e.Date >= tf);
        if (period.To is { } tt) time = time.Where(e => e.Date <= tt);
        var expenses = db.Expenses.AsNoTracking().Where(e => e.ProjectId != null);
        if (period.From is { } ef) expenses = expenses.Where(e => e.Date >= ef);
        if (period.To is { } et) expenses = expenses.Where(e => e.Date <= et);

        var billedLines = await invoices.SelectMany(i => i.Lines.Where(l => l.ProjectId != null), (i, l) => new { ProjectId = l.ProjectId!.Value, i.Currency, l.Amount })
            .GroupBy(x => new { x.ProjectId, x.Currency })
            .Select(g => new { g.Key.ProjectId, g.Key.Currency, Billed = g.Sum(x => x.Amount) })
            .ToListAsync(ct);
        var billedClients = await invoices.GroupBy(i => new { i.ClientId, i.Currency })
            .Select(g => new { g.Key.ClientId, g.Key.Currency, Billed = g.Sum(i => i.Subtotal) })
            .ToListAsync(ct);
        var hours = await time.GroupBy(e => e.ProjectId).Select(g => new { ProjectId = g.Key, Hours = g.Sum(e => e.Hours) }).ToListAsync(ct);
        var costs = await expenses.GroupBy(e => new { ProjectId = e.ProjectId!.Value, e.Rechargeable })
            .Select(g => new { g.Key.ProjectId, g.Key.Rechargeable, Minor = g.Sum(e => e.HomeAmountMinor) })
            .ToListAsync(ct);

        var ids = billedLines.Select(b => b.ProjectId).Concat(hours.Select(h => h.ProjectId)).Concat(costs.Select(c => c.ProjectId)).ToHashSet();
        var clientIds = billedClients.Select(b => b.ClientId).Distinct().ToList();
        var projectIds = ids.ToList();
        var projects = await db.Projects.AsNoTracking()
            .Where(p => projectIds.Contains(p.Id) || clientIds.Contains(p.ClientId))
            .Select(p => new { p.Id, p.Name, p.ClientId, ClientName = p.Client!.Name, p.Client.Currency })
            .ToListAsync(ct);

        // Looked up by key, not searched per row: hundreds of projects and clients over ten years.
        var linesOf = billedLines.ToLookup(b => b.ProjectId);
        var hoursOf = hours.ToDictionary(h => h.ProjectId, h => h.Hours);
        var costsOf = costs.ToLookup(c => c.ProjectId);
        var billedOf = billedClients.ToLookup(b => b.ClientId);
        var projectRows = new List<ProfitRow>();
        foreach (var p in projects.Where(p => ids.Contains(p.Id)))
        {
            // A project bills in its client's currency; lines in another (the client's currency changed) get their own row.
            var lines = linesOf[p.Id];
            foreach (var currency in lines.Select(b => b.Currency).Append(p.Currency).Distinct())
            {
                var main = currency == p.Currency;
                projectRows.Add(new ProfitRow(p.Id, p.Name, p.ClientId, p.ClientName, currency,
                    lines.Where(b => b.Currency == currency).Sum(b => b.Billed),
                    main ? hoursOf.GetValueOrDefault(p.Id) : 0m,
                    main ? costsOf[p.Id].Where(c => c.Rechargeable).Sum(c => c.Minor) : 0,
                    main ? costsOf[p.Id].Where(c => !c.Rechargeable).Sum(c => c.Minor) : 0));
            }
        }
        var rowsOf = projectRows.ToLookup(r => (r.ClientId, r.Currency));
        var clientRows = new List<ProfitRow>();
        foreach (var c in projects.GroupBy(p => (p.ClientId, p.ClientName, p.Currency)))
        {
            var mine = rowsOf[(c.Key.ClientId, c.Key.Currency)].ToList();
            var billed = billedOf[c.Key.ClientId];
            foreach (var currency in billed.Select(b => b.Currency).Append(c.Key.Currency).Distinct())
            {
                var main = currency == c.Key.Currency;
                var row = new ProfitRow(null, c.Key.ClientName, c.Key.ClientId, c.Key.ClientName, currency,
                    billed.Where(b => b.Currency == currency).Sum(b => b.Billed),
                    main ? mine.Sum(r => r.Hours) : 0m, main ? mine.Sum(r => r.RechargedMinor) : 0, main ? mine.Sum(r => r.OtherCostsMinor) : 0);
                if (row.Billed != 0 || row.Hours != 0 || row.RechargedMinor != 0 || row.OtherCostsMinor != 0) clientRows.Add(row);
            }
        }
        var key = Sorts.Contains(sort ?? "") ? sort! : "billed";
        var descending = dir is null ? key is not ("name" or "client") : dir == "desc";
        return new ProfitabilityReport(period, home, Sort(projectRows, key, descending), Sort(clientRows, key == "client" ? "name" : key, descending), key, descending);
    }

    private static IReadOnlyList<ProfitRow> Sort(IEnumerable<ProfitRow> rows, string key, bool descending)
    {
        Func<ProfitRow, IComparable> by = key switch
        {
            "name" => r => r.Name.ToUpperInvariant(),
            "client" => r => r.ClientName.ToUpperInvariant(),
            "hours" => r => r.Hours,
            "rate" => r => r.EffectiveRate ?? -1m,
            "recharged" => r => r.RechargedMinor,
            "costs" => r => r.OtherCostsMinor,
            _ => r => r.Billed,
        };
        var sorted = descending ? rows.OrderByDescending(by) : rows.OrderBy(by);
        return sorted.ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Currency).ToList();
    }
}

/// <summary>A project's (ProjectId set) or a client's figures in one currency; expenses in home-currency minor units.</summary>
public sealed record ProfitRow(int? ProjectId, string Name, int ClientId, string ClientName, string Currency, decimal Billed, decimal Hours, long RechargedMinor, long OtherCostsMinor)
{
    public decimal? EffectiveRate => Hours > 0 ? Domain.Currency.Round(Billed / Hours, Currency) : null;

    /// <summary>Every row of a table added up per currency (amounts of different currencies are never added together).</summary>
    public static IReadOnlyList<ProfitRow> Totals(IEnumerable<ProfitRow> rows) => rows
        .GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new ProfitRow(null, "Total", 0, "", g.Key, g.Sum(r => r.Billed), g.Sum(r => r.Hours), g.Sum(r => r.RechargedMinor), g.Sum(r => r.OtherCostsMinor)))
        .ToList();
}

/// <summary>Every row (the CSV's); the page shows the first <see cref="ReportRows.Shown"/> of each table unless <see cref="ShowAll"/>, with totals over every row.</summary>
public sealed record ProfitabilityReport(ReportPeriod Period, string HomeCurrency, IReadOnlyList<ProfitRow> Projects, IReadOnlyList<ProfitRow> Clients, string Sort, bool Descending)
{
    public bool ShowAll { get; init; }

    public IReadOnlyList<ProfitRow> ProjectTotals => ProfitRow.Totals(Projects);

    public IReadOnlyList<ProfitRow> ClientTotals => ProfitRow.Totals(Clients);
}
