using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Reports;

/// <summary>
/// Profitability over a period, by project and by client. Billed: issued invoices (Sent, Overdue, Paid)
/// by issue date, before tax, in the invoice's currency (a project: its billed lines; a client: the
/// invoices' subtotals, typed lines included). Hours: every hour logged in the period, billable or not.
/// Effective rate: billed ÷ hours. Expenses: those of the project's (or the client's projects') ledger
/// entries in the period, rechargeable and not, in the home currency. One statement for a period of whole months (every
/// preset): the grouped sums from the kept months, so a year or all time reads a few kept rows per project, not every
/// invoice line, each joined to the names of its project (or client) after grouping, so the rows come back named and no
/// list of ids travels back to the database. A period that starts or ends inside a month adds a second statement for
/// those days.
/// </summary>
public sealed class ProfitabilityQueries(AppDbContext db)
{
    public static readonly IReadOnlyList<string> Sorts = ["name", "client", "billed", "hours", "rate", "recharged", "costs"];

    private const int LinePart = 0, HourPart = 1, CostPart = 2, ClientPart = 3;

    public async Task<ProfitabilityReport> LoadAsync(ReportPeriod period, string home, string? sort, string? dir, CancellationToken ct = default)
    {
        var parts = new List<ProfitPart>();
        var (start, end) = (period.From ?? DateOnly.MinValue, period.To ?? DateOnly.MaxValue);
        var months = WholeMonths.Of(start, end);
        await foreach (var part in KeptParts.For(db)(db, start, end, months.FirstPeriod, months.LastPeriod).WithCancellation(ct))
            parts.Add(part);
        // The presets (month, quarter, year, all time) cut no month: their report is the one statement above.
        if (months.CutsAMonth)
            await foreach (var part in CutParts.For(db)(db, months.HeadFrom, months.HeadTo, months.TailFrom, months.TailTo).WithCancellation(ct))
                parts.Add(part);

        // A project with anything in the period (billed, logged or spent) has a row, by id so equal names keep one order; so
        // has a client when one of its projects has, or when it was billed and has a project at all (the query's rule). Each
        // project's and client's parts are gathered in one pass over the parts, in the order they come.
        var byProject = new Dictionary<int, ProjectParts>();
        var byClient = new Dictionary<int, ClientParts>();
        ClientParts ClientOf(ProfitPart r) => byClient.TryGetValue(r.ClientId, out var c) ? c : byClient[r.ClientId] = new ClientParts(r);
        foreach (var r in parts)
        {
            if (r.Part == ClientPart) { ClientOf(r).Billed.Add(r); continue; }
            if (!byProject.TryGetValue(r.Id, out var p)) byProject[r.Id] = p = new ProjectParts(r);
            if (r.Part == LinePart) p.Lines.Add(r);
            else if (r.Part == HourPart) p.Hours += r.HoursAmount;
            else (p.Recharged, p.Other) = (p.Recharged + r.Recharged, p.Other + r.Other);
        }
        var projectRows = new List<ProfitRow>(byProject.Count);
        foreach (var id in Ordered(byProject.Keys))
        {
            var p = byProject[id];
            var first = p.First;
            // A project bills in its client's currency; lines in another (the client's currency changed) get their own row.
            var billed = BilledPerCurrency(p.Lines, first.ClientCurrency);
            projectRows.Add(new ProfitRow(id, first.Name, first.ClientId, first.ClientName, first.ClientCurrency, billed[0].Billed, p.Hours, p.Recharged, p.Other));
            foreach (var (currency, amount) in billed.Skip(1))
                projectRows.Add(new ProfitRow(id, first.Name, first.ClientId, first.ClientName, currency, amount, 0m, 0, 0));
            // The client's figures in its own currency: its projects' hours and expenses.
            var client = ClientOf(first);
            (client.Hours, client.Recharged, client.Other) = (client.Hours + p.Hours, client.Recharged + p.Recharged, client.Other + p.Other);
        }

        var clientRows = new List<ProfitRow>(byClient.Count);
        foreach (var clientId in Ordered(byClient.Keys))
        {
            var c = byClient[clientId];
            var own = c.First.ClientCurrency;
            foreach (var (currency, billed) in BilledPerCurrency(c.Billed, own, ownLast: true))
            {
                var main = currency == own;
                var row = new ProfitRow(null, c.First.ClientName, clientId, c.First.ClientName, currency, billed,
                    main ? c.Hours : 0m, main ? c.Recharged : 0, main ? c.Other : 0);
                if (row.Billed != 0 || row.Hours != 0 || row.RechargedMinor != 0 || row.OtherCostsMinor != 0) clientRows.Add(row);
            }
        }
        var key = Sorts.Contains(sort ?? "") ? sort! : "billed";
        var descending = dir is null ? key is not ("name" or "client") : dir == "desc";
        return new ProfitabilityReport(period, home, Sort(projectRows, key, descending), Sort(clientRows, key == "client" ? "name" : key, descending), key, descending);
    }

    /// <summary>
    /// The period's sums, grouped first and named after: from the kept months (<see cref="ProjectMonthBilled"/>,
    /// <see cref="ProjectMonthHours"/>, <see cref="ClientMonthBilled"/>) the whole months' billed lines per project and
    /// currency, hours per project and invoice subtotals per client and currency (only clients with a project, as the page
    /// has always shown them); and the period's project expenses per project (recharged and not). Compiled once: the
    /// expression is large, and building and looking it up again on every view cost more than running it. An open end of
    /// the period is the first or last day a date can hold, so one statement serves every period.
    /// </summary>
    private static readonly CompiledPerModel<Func<AppDbContext, DateOnly, DateOnly, int, int, IAsyncEnumerable<ProfitPart>>> KeptParts = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, DateOnly first, DateOnly last, int firstPeriod, int lastPeriod) =>
            (from g in db.ProjectMonthBilled.Where(b => b.Period >= firstPeriod && b.Period <= lastPeriod)
                    .GroupBy(b => new { b.ProjectId, b.Currency })
                    .Select(g => new ProjectSum { Part = LinePart, ProjectId = g.Key.ProjectId, Currency = g.Key.Currency, Units = g.Sum(b => b.AmountUnits), Recharged = 0L, Other = 0L })
                .Concat(db.ProjectMonthHours.Where(h => h.Period >= firstPeriod && h.Period <= lastPeriod)
                    .GroupBy(h => h.ProjectId)
                    .Select(g => new ProjectSum { Part = HourPart, ProjectId = g.Key, Currency = "", Units = g.Sum(h => h.HourUnits), Recharged = 0L, Other = 0L }))
                .Concat(db.Expenses.Where(e => e.ProjectId != null && e.Date >= first && e.Date <= last)
                    .GroupBy(e => e.ProjectId!.Value)
                    .Select(g => new ProjectSum { Part = CostPart, ProjectId = g.Key, Currency = "", Units = 0L,
                        Recharged = g.Sum(e => e.Rechargeable ? e.HomeAmountMinor : 0L), Other = g.Sum(e => e.Rechargeable ? 0L : e.HomeAmountMinor) }))
                join p in db.Projects on g.ProjectId equals p.Id
                select new ProfitPart { Part = g.Part, Id = p.Id, Name = p.Name, ClientId = p.ClientId, ClientName = p.Client!.Name, ClientCurrency = p.Client.Currency,
                    Currency = g.Currency, Units = g.Units, Recharged = g.Recharged, Other = g.Other })
            .Concat(
                from g in db.ClientMonthBilled.Where(b => b.Period >= firstPeriod && b.Period <= lastPeriod)
                    .GroupBy(b => new { b.ClientId, b.Currency }).Select(g => new { g.Key.ClientId, g.Key.Currency, Units = g.Sum(b => b.SubtotalUnits) })
                join c in db.Clients on g.ClientId equals c.Id
                where db.Projects.Any(p => p.ClientId == c.Id)
                select new ProfitPart { Part = ClientPart, Id = c.Id, Name = "", ClientId = c.Id, ClientName = c.Name, ClientCurrency = c.Currency,
                    Currency = g.Currency, Units = g.Units, Recharged = 0L, Other = 0L })
            .AsNoTracking()));

    /// <summary>
    /// The same sums over the days of the months the period only partly covers (before and after its whole months), from
    /// the invoices and entries themselves. A second statement, made only for a period that cuts a month: preparing a
    /// statement costs SQLite about as much as running it, and the presets (month, quarter, year, all time) cut none.
    /// </summary>
    private static readonly CompiledPerModel<Func<AppDbContext, DateOnly, DateOnly, DateOnly, DateOnly, IAsyncEnumerable<ProfitPart>>> CutParts = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, DateOnly headFrom, DateOnly headTo, DateOnly tailFrom, DateOnly tailTo) =>
            (from g in db.Invoices
                    .Where(i => (i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue || i.Status == InvoiceStatus.Paid)
                        && ((i.IssueDate >= headFrom && i.IssueDate <= headTo) || (i.IssueDate >= tailFrom && i.IssueDate <= tailTo)))
                    .SelectMany(i => i.Lines.Where(l => l.ProjectId != null), (i, l) => new { ProjectId = l.ProjectId!.Value, i.Currency, l.Amount })
                    .GroupBy(x => new { x.ProjectId, x.Currency })
                    .Select(g => new { g.Key.ProjectId, g.Key.Currency, Billed = g.Sum(x => x.Amount) })
                join p in db.Projects on g.ProjectId equals p.Id
                select new ProfitPart { Part = LinePart, Id = p.Id, Name = p.Name, ClientId = p.ClientId, ClientName = p.Client!.Name, ClientCurrency = p.Client.Currency,
                    Currency = g.Currency, Raw = g.Billed })
            .Concat(
                from g in db.TimeEntries.Where(e => e.Date >= headFrom && e.Date <= headTo)
                    .GroupBy(e => e.ProjectId).Select(g => new { ProjectId = g.Key, Hours = g.Sum(e => e.Hours) })
                join p in db.Projects on g.ProjectId equals p.Id
                select new ProfitPart { Part = HourPart, Id = p.Id, Name = p.Name, ClientId = p.ClientId, ClientName = p.Client!.Name, ClientCurrency = p.Client.Currency,
                    Currency = "", Raw = g.Hours })
            .Concat(
                from g in db.TimeEntries.Where(e => e.Date >= tailFrom && e.Date <= tailTo)
                    .GroupBy(e => e.ProjectId).Select(g => new { ProjectId = g.Key, Hours = g.Sum(e => e.Hours) })
                join p in db.Projects on g.ProjectId equals p.Id
                select new ProfitPart { Part = HourPart, Id = p.Id, Name = p.Name, ClientId = p.ClientId, ClientName = p.Client!.Name, ClientCurrency = p.Client.Currency,
                    Currency = "", Raw = g.Hours })
            .Concat(
                from g in db.Invoices
                    .Where(i => (i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue || i.Status == InvoiceStatus.Paid)
                        && ((i.IssueDate >= headFrom && i.IssueDate <= headTo) || (i.IssueDate >= tailFrom && i.IssueDate <= tailTo)))
                    .GroupBy(i => new { i.ClientId, i.Currency }).Select(g => new { g.Key.ClientId, g.Key.Currency, Billed = g.Sum(i => i.Subtotal) })
                join c in db.Clients on g.ClientId equals c.Id
                where db.Projects.Any(p => p.ClientId == c.Id)
                select new ProfitPart { Part = ClientPart, Id = c.Id, Name = "", ClientId = c.Id, ClientName = c.Name, ClientCurrency = c.Currency,
                    Currency = g.Currency, Raw = g.Billed })
            .AsNoTracking()));

    /// <summary>
    /// A period (first to last day, inclusive) split for the kept hours: the whole months inside it (as yyyymm, an empty
    /// range when there is none) and the days before and after them (each an empty range of dates when there are none).
    /// Month numbers are counted as integers, so the first and last days a date can hold split without overflowing.
    /// </summary>
    internal readonly record struct WholeMonths(int FirstPeriod, int LastPeriod, DateOnly HeadFrom, DateOnly HeadTo, DateOnly TailFrom, DateOnly TailTo)
    {
        private static readonly (DateOnly From, DateOnly To) None = (DateOnly.MaxValue, DateOnly.MinValue);

        /// <summary>Whether the period starts or ends inside a month (it then has days outside its whole months).</summary>
        public bool CutsAMonth => HeadFrom <= HeadTo || TailFrom <= TailTo;

        public static WholeMonths Of(DateOnly first, DateOnly last)
        {
            static int Month(DateOnly d) => d.Year * 12 + d.Month - 1;
            static int PeriodOf(int month) => month / 12 * 100 + month % 12 + 1;
            var startsWhole = first.Day == 1;
            var endsWhole = last.Day == DateTime.DaysInMonth(last.Year, last.Month);
            var (firstWhole, lastWhole) = (Month(first) + (startsWhole ? 0 : 1), Month(last) - (endsWhole ? 0 : 1));
            var sameMonth = Month(first) == Month(last);
            (DateOnly From, DateOnly To) head = startsWhole ? None : (first, sameMonth ? last : new DateOnly(first.Year, first.Month, DateTime.DaysInMonth(first.Year, first.Month)));
            (DateOnly From, DateOnly To) tail = endsWhole || (sameMonth && !startsWhole) ? None : (sameMonth ? first : new DateOnly(last.Year, last.Month, 1), last);
            return new WholeMonths(PeriodOf(firstWhole), PeriodOf(lastWhole), head.From, head.To, tail.From, tail.To);
        }
    }

    private static int[] Ordered(IEnumerable<int> ids)
    {
        var sorted = ids.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>
    /// The billed parts summed per currency, each currency where it first comes; <paramref name="own"/> (the client's) first, or
    /// last when <paramref name="ownLast"/> (after the currencies billed), and always there, if at zero.
    /// </summary>
    private static List<(string Currency, decimal Billed)> BilledPerCurrency(List<ProfitPart> billed, string own, bool ownLast = false)
    {
        var sums = new List<(string Currency, decimal Billed)>(2);
        if (!ownLast) sums.Add((own, 0m));
        foreach (var part in billed)
        {
            var k = sums.FindIndex(s => s.Currency == part.Currency);
            if (k < 0) sums.Add((part.Currency, part.BilledAmount));
            else sums[k] = (part.Currency, sums[k].Billed + part.BilledAmount);
        }
        if (ownLast && !sums.Exists(s => s.Currency == own)) sums.Add((own, 0m));
        return sums;
    }

    /// <summary>One project's parts: the first (its names), its billed lines, and its hours and expenses summed.</summary>
    private sealed class ProjectParts(ProfitPart first)
    {
        public ProfitPart First { get; } = first;
        public List<ProfitPart> Lines { get; } = [];
        public decimal Hours { get; set; }
        public long Recharged { get; set; }
        public long Other { get; set; }
    }

    /// <summary>One client's parts: the first (its names), its billed subtotals, and its projects' hours and expenses summed.</summary>
    private sealed class ClientParts(ProfitPart first)
    {
        public ProfitPart First { get; } = first;
        public List<ProfitPart> Billed { get; } = [];
        public decimal Hours { get; set; }
        public long Recharged { get; set; }
        public long Other { get; set; }
    }

    /// <summary>A project's grouped sum in the kept statement, before it is named: the three kinds are one union, joined to the names once.</summary>
    private sealed class ProjectSum
    {
        public int Part { get; init; }
        public int ProjectId { get; init; }
        public string Currency { get; init; } = "";
        public long Units { get; init; }
        public long Recharged { get; init; }
        public long Other { get; init; }
    }

    /// <summary>
    /// One grouped sum of the period, named (see <see cref="KeptParts"/> and <see cref="CutParts"/>). Few nullable columns: the provider asks whether each
    /// nullable column of each row is null (the costliest call of reading a row here), so a part leaves "" for a text it
    /// does not carry (a client's project name, an hours part's currency). A kept part reads its units and expenses and no cut
    /// sum; a cut part its sum only (each statement selects just its own columns; the others stay zero).
    /// </summary>
    private sealed class ProfitPart
    {
        public int Part { get; init; }
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public int ClientId { get; init; }
        public string ClientName { get; init; } = "";
        public string ClientCurrency { get; init; } = "";
        /// <summary>The billed currency ("" for hours and expenses).</summary>
        public string Currency { get; init; } = "";
        /// <summary>The cut months' sum, billed or hours by the part (zero for the kept months' parts).</summary>
        public decimal Raw { get; init; }
        /// <summary>The whole months' kept sum in units of 1/10,000, billed or hours by the part.</summary>
        public long Units { get; init; }
        public long Recharged { get; init; }
        public long Other { get; init; }

        public decimal BilledAmount => Raw + InvoiceStatusTotal.AmountOf(Units);

        public decimal HoursAmount => Raw + ProjectMonthHours.HoursOf(Units);
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
        // Ties end in a fixed order (equal names are common: "Website" for several clients).
        return sorted.ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Currency)
            .ThenBy(r => r.ClientName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.ProjectId ?? r.ClientId).ToList();
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
