using System.Globalization;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>How picked time entries become lines.</summary>
public enum TimeLineMode
{
    /// <summary>One line per project, service and hourly rate: the summed hours × the rate.</summary>
    PerService = 0,

    /// <summary>One line per time entry: its hours × its rate.</summary>
    PerEntry = 1,
}

/// <summary>What the user ticked on the invoice form.</summary>
public sealed record WorkPick(
    DateOnly? From, DateOnly? To, IReadOnlyList<(int ProjectId, int? ServiceId)> TimeGroups, IReadOnlyList<int> TimeEntryIds,
    TimeLineMode TimeLines, IReadOnlyList<int> MilestoneIds, IReadOnlyList<int> ServiceIds, IReadOnlyList<int> ScopeChangeIds,
    IReadOnlyList<int>? ExpenseIds = null)
{
    public IReadOnlyList<int> Expenses => ExpenseIds ?? [];

    public bool IsEmpty => TimeGroups.Count == 0 && TimeEntryIds.Count == 0 && MilestoneIds.Count == 0 && ServiceIds.Count == 0 && ScopeChangeIds.Count == 0
                           && Expenses.Count == 0;

    /// <summary>"12-3" is project 12, service 3; "12-0" is project 12's time with no service.</summary>
    public static string GroupKey(int projectId, int? serviceId) => $"{projectId}-{serviceId ?? 0}";

    public static (int ProjectId, int? ServiceId)? ParseGroup(string? key)
    {
        var parts = (key ?? "").Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var p) || !int.TryParse(parts[1], out var s) || p <= 0 || s < 0) return null;
        return (p, s == 0 ? null : s);
    }
}

/// <summary>One line to add and the items it bills (claimed when the draft is saved).</summary>
public sealed record PickedLine(InvoiceLineItem Item, IReadOnlyList<int> ItemIds, string Label);

/// <summary>The outcome of resolving a pick: lines, or why not (a message, or "not found" for foreign ids).</summary>
public sealed record PickResult(IReadOnlyList<PickedLine> Lines, string? Refusal, bool NotFound)
{
    public static PickResult Refused(string message) => new([], message, false);
}

/// <summary>Raised inside the saving transaction when an item was billed by another request meanwhile.</summary>
public sealed class AlreadyBilledException(string message) : Exception(message);

/// <summary>Unbilled work of all clients in one currency: billable hours, and the value of those hours plus the other billable items.</summary>
public sealed record UnbilledTotal(string Currency, decimal Hours, decimal Value, int OtherItems);

public sealed record UnbilledTimeRow(int Id, DateOnly Date, string? Description, decimal Hours, decimal Rate, decimal Amount, string Currency);

public sealed record UnbilledTimeGroup(
    int ProjectId, string ProjectName, int? ServiceId, string? ServiceName, string Currency, decimal Hours, decimal Amount, int Count,
    DateOnly First, DateOnly Last)
{
    public string Key => WorkPick.GroupKey(ProjectId, ServiceId);
    public string Label => $"{ProjectName} – {ServiceName ?? "Other work"}";
    public List<UnbilledTimeRow> Entries { get; } = [];
}

public sealed record UnbilledItem(int Id, string ProjectName, string Name, decimal Quantity, decimal UnitPrice, string Currency)
{
    public decimal Amount => Domain.Currency.Round(Quantity * UnitPrice, Currency);
}

/// <summary>A client's unbilled work, as the invoice form lists it.</summary>
public sealed record UnbilledWork(
    int ClientId, string ClientName, string Currency, DateOnly? From, DateOnly? To, IReadOnlyList<UnbilledTimeGroup> Time, bool TimeListCut,
    IReadOnlyList<UnbilledItem> Milestones, IReadOnlyList<UnbilledItem> Services, IReadOnlyList<UnbilledItem> ScopeChanges,
    IReadOnlyList<UnbilledItem> Expenses)
{
    public bool IsEmpty => Time.Count == 0 && Milestones.Count == 0 && Services.Count == 0 && ScopeChanges.Count == 0 && Expenses.Count == 0;

    /// <summary>Set when the list is narrowed to one project's items.</summary>
    public int? ProjectId { get; init; }
    public string? ProjectName { get; init; }
}

/// <summary>
/// Turns unbilled work into invoice lines and keeps "an item is on at most one live invoice": a draft
/// takes its items with a conditional update (… WHERE InvoiceId IS NULL) inside the saving transaction
/// and checks the count, so of two requests taking the same item one wins and the other saves nothing.
/// Items come back (unbilled) when their line is removed, the draft deleted or the invoice voided.
/// Billable work: billable time entries, reached milestones, flat services, and approved scope changes
/// that carry an amount (an hourly project's change raises its estimate; its hours are billed as time),
/// and rechargeable expenses of the client's projects (billed at cost, in their own currency).
/// </summary>
public sealed class BilledWork(AppDbContext db)
{
    /// <summary>Time entries listed one by one on the form; beyond this, the groups are still complete.</summary>
    public const int ListedEntries = 300;

    public async Task<UnbilledWork?> UnbilledAsync(int clientId, DateOnly? from, DateOnly? to, CancellationToken ct = default, int? projectId = null)
    {
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Id, c.Name, c.Currency }).SingleOrDefaultAsync(ct);
        if (client is null) return null;
        // From a project's page the form starts with that project's items only (a link shows all of the client's).
        var project = projectId is { } pid
            ? await db.Projects.AsNoTracking().Where(p => p.Id == pid && p.ClientId == clientId).Select(p => new { p.Id, p.Name }).SingleOrDefaultAsync(ct)
            : null;
        var only = project?.Id;
        var time = UnbilledTime(clientId, from, to).Where(t => only == null || t.ProjectId == only);
        // Summed per rate, then each rate's hours × rate rounded once: the amount the billed line will have.
        var byRate = await time
            .GroupBy(t => new { t.ProjectId, ProjectName = t.Project!.Name, t.ServiceId, ServiceName = t.Service!.Name, t.Currency, t.HourlyRate })
            .Select(g => new { g.Key, Hours = g.Sum(t => t.Hours), Count = g.Count(), First = g.Min(t => t.Date), Last = g.Max(t => t.Date) })
            .ToListAsync(ct);
        var groups = byRate.GroupBy(r => (r.Key.ProjectId, r.Key.ProjectName, r.Key.ServiceId, r.Key.ServiceName, r.Key.Currency))
            .Select(g => new UnbilledTimeGroup(g.Key.ProjectId, g.Key.ProjectName, g.Key.ServiceId, g.Key.ServiceName, g.Key.Currency,
                g.Sum(r => r.Hours), g.Sum(r => TimeLineAmount(r.Hours, r.Key.HourlyRate, r.Key.Currency)), g.Sum(r => r.Count),
                g.Min(r => r.First), g.Max(r => r.Last)))
            .OrderBy(g => g.ProjectName).ThenBy(g => g.ServiceName ?? "\uffff").ThenBy(g => g.Currency).ToList();
        var rows = await time.OrderBy(t => t.Date).ThenBy(t => t.Id).Take(ListedEntries + 1)
            .Select(t => new { t.ProjectId, t.ServiceId, t.Currency, Row = new UnbilledTimeRow(t.Id, t.Date, t.Description, t.Hours, t.HourlyRate, t.Amount, t.Currency) })
            .ToListAsync(ct);
        foreach (var r in rows.Take(ListedEntries))
            groups.First(g => g.ProjectId == r.ProjectId && g.ServiceId == r.ServiceId && g.Currency == r.Currency).Entries.Add(r.Row);

        var milestones = await ReachedMilestones()
            .Join(db.Projects, m => m.ProjectId, p => p.Id, (m, p) => new { m, p })
            .Where(x => x.p.ClientId == clientId && (only == null || x.p.Id == only))
            .OrderBy(x => x.p.Name).ThenBy(x => x.m.SortOrder)
            .Select(x => new UnbilledItem(x.m.Id, x.p.Name, x.m.Name, 1m, x.m.Amount, client.Currency)).ToListAsync(ct);
        var services = await FlatServices(clientId).Where(s => only == null || s.ProjectId == only)
            .OrderBy(s => s.Project!.Name).ThenBy(s => s.Name)
            .Select(s => new UnbilledItem(s.Id, s.Project!.Name, s.Name, s.Quantity, s.Rate, client.Currency)).ToListAsync(ct);
        var changes = await ApprovedChanges()
            .Join(db.Projects, s => s.ProjectId, p => p.Id, (s, p) => new { s, p })
            .Where(x => x.p.ClientId == clientId && (only == null || x.p.Id == only))
            .OrderBy(x => x.p.Name).ThenBy(x => x.s.RequestedOn)
            .Select(x => new UnbilledItem(x.s.Id, x.p.Name, x.s.Description, 1m, x.s.EstimateAmount!.Value, client.Currency)).ToListAsync(ct);
        // Expenses in another currency are listed too (with their currency): ticking one is refused by name.
        var expenses = (await db.Expenses.AsNoTracking()
            .Join(db.Projects, e => e.ProjectId, p => (int?)p.Id, (e, p) => new { e, p })
            .Where(x => x.p.ClientId == clientId && (only == null || x.p.Id == only) && x.e.Rechargeable && x.e.InvoiceId == null)
            .Select(x => new { x.e.Id, ProjectName = x.p.Name, x.e.Description, x.e.Vendor, x.e.Date, x.e.Amount, x.e.Currency }).ToListAsync(ct))
            .OrderBy(x => x.ProjectName).ThenBy(x => x.Date).ThenBy(x => x.Id)
            .Select(x => new UnbilledItem(x.Id, x.ProjectName, ExpenseName(x.Description, x.Vendor, x.Date), 1m, x.Amount, x.Currency)).ToList();
        return new UnbilledWork(client.Id, client.Name, client.Currency, from, to, groups, rows.Count > ListedEntries, milestones, services, changes, expenses)
        {
            ProjectId = project?.Id, ProjectName = project?.Name,
        };
    }

    /// <summary>"invoice INV-2026-0001" or "a draft invoice": how the ledger names the invoice an expense is billed on.</summary>
    public async Task<string> InvoiceNameAsync(int invoiceId, CancellationToken ct = default)
    {
        var number = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => i.Number).SingleOrDefaultAsync(ct);
        return number is null ? "a draft invoice" : $"invoice {number}";
    }

    /// <summary>"Train to Lyon (SNCF, 2026-10-12)": the expense as its invoice line names it, after the project.</summary>
    public static string ExpenseName(string description, string? vendor, DateOnly date) =>
        $"{Shorten(description.Trim(), 300)} ({(string.IsNullOrWhiteSpace(vendor) ? "" : vendor.Trim() + ", ")}{date:yyyy-MM-dd})";

    /// <summary>
    /// Every client's unbilled work summed per currency (the dashboard's figure): billable hours and their
    /// value, plus reached milestones, flat services and approved scope changes with an amount. The same
    /// "unbilled" rules as the invoice form (the queries below), in one statement.
    /// </summary>
    public async Task<IReadOnlyList<UnbilledTotal>> UnbilledTotalsAsync(CancellationToken ct = default)
    {
        var time = UnbilledTime(null, null, null).GroupBy(t => t.Currency)
            .Select(g => new { Currency = g.Key, Hours = g.Sum(t => t.Hours), Value = g.Sum(t => t.Amount), Items = 0 });
        var milestones = ReachedMilestones().Join(db.Projects, m => m.ProjectId, p => p.Id, (m, p) => new { p.Client!.Currency, m.Amount })
            .GroupBy(m => m.Currency)
            .Select(g => new { Currency = g.Key, Hours = 0m, Value = g.Sum(m => m.Amount), Items = g.Count() });
        var services = FlatServices().GroupBy(x => x.Project!.Client!.Currency)
            .Select(g => new { Currency = g.Key, Hours = 0m, Value = g.Sum(x => x.Rate * x.Quantity), Items = g.Count() });
        var changes = ApprovedChanges().Join(db.Projects, s => s.ProjectId, p => p.Id, (s, p) => new { p.Client!.Currency, Amount = s.EstimateAmount!.Value })
            .GroupBy(c => c.Currency)
            .Select(g => new { Currency = g.Key, Hours = 0m, Value = g.Sum(c => c.Amount), Items = g.Count() });
        var rows = await time.Concat(milestones).Concat(services).Concat(changes).ToListAsync(ct);
        return rows.GroupBy(r => r.Currency).OrderBy(g => g.Key)
            .Select(g => new UnbilledTotal(g.Key, g.Sum(r => r.Hours), g.Sum(r => r.Value), g.Sum(r => r.Items))).ToList();
    }

    private IQueryable<Milestone> ReachedMilestones() =>
        db.Milestones.AsNoTracking().Where(m => m.State == MilestoneState.Reached && m.InvoiceId == null);

    private IQueryable<Service> FlatServices(int? clientId = null) =>
        db.Services.AsNoTracking().Where(s => (clientId == null || s.Project!.ClientId == clientId) && s.Pricing == ServicePricing.Flat && s.InvoiceId == null);

    /// <summary>Approved changes that carry an amount (an hourly project's change raises its estimate and is billed as time).</summary>
    private IQueryable<ScopeChange> ApprovedChanges() =>
        db.ScopeChanges.AsNoTracking().Where(s => s.State == ScopeChangeState.Approved && s.InvoiceId == null && s.EstimateAmount != null);

    private IQueryable<TimeEntry> UnbilledTime(int? clientId, DateOnly? from, DateOnly? to)
    {
        var query = db.TimeEntries.AsNoTracking().Where(t => (clientId == null || t.Project!.ClientId == clientId) && t.Billable && t.InvoiceId == null
                                                            && t.Project!.Pricing != ProjectPricing.FixedPrice);
        if (from is { } f) query = query.Where(t => t.Date >= f);
        if (to is { } e) query = query.Where(t => t.Date <= e);
        return query;
    }

    /// <summary>
    /// The lines for what was ticked. Ids of another account (invisible through the query filter) are
    /// "not found"; items of another client, already billed or no longer billable are refused by name.
    /// </summary>
    public async Task<PickResult> ResolveAsync(WorkPick pick, int clientId, CancellationToken ct = default)
    {
        if (pick.IsEmpty) return new PickResult([], null, false);
        var currency = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => c.Currency).SingleAsync(ct);
        var lines = new List<PickedLine>();

        // Time: the ticked groups (everything unbilled of that project and service within the dates) and single entries.
        var ids = pick.TimeEntryIds.Distinct().ToList();
        var fromIds = await TimeRows(db.TimeEntries.AsNoTracking().Where(t => ids.Contains(t.Id))).ToListAsync(ct);
        if (fromIds.Count != ids.Count) return new PickResult([], null, true);
        if (fromIds.FirstOrDefault(t => t.ClientId != clientId) is { } other)
            return PickResult.Refused($"The time of {other.Date:yyyy-MM-dd} on {other.ProjectName} is work for another client.");
        if (fromIds.FirstOrDefault(t => t.FixedPrice) is { } fixedPrice)
            return PickResult.Refused($"The time of {fixedPrice.Date:yyyy-MM-dd} on {fixedPrice.ProjectName} is work on a fixed-price project: " +
                                      "bill its milestones (or approved scope changes) instead, so the work is not billed twice.");
        if (fromIds.FirstOrDefault(t => !t.Billable || t.InvoiceId is not null) is { } taken)
            return PickResult.Refused($"The time of {taken.Date:yyyy-MM-dd} on {taken.ProjectName} is {(taken.Billable ? "already on an invoice" : "not billable")}.");
        var time = fromIds;
        if (pick.TimeGroups.Count > 0)
        {
            var projectIds = pick.TimeGroups.Select(g => g.ProjectId).Distinct().ToList();
            var known = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id)).Select(p => new { p.Id, p.ClientId, p.Name }).ToListAsync(ct);
            if (known.Count != projectIds.Count) return new PickResult([], null, true);
            if (known.FirstOrDefault(p => p.ClientId != clientId) is { } foreign)
                return PickResult.Refused($"{foreign.Name} is a project of another client.");
            var grouped = await TimeRows(UnbilledTime(clientId, pick.From, pick.To).Where(t => projectIds.Contains(t.ProjectId))).ToListAsync(ct);
            // A ticked group with nothing left to bill was taken by another tab or window meanwhile: refuse rather than save an empty draft.
            var gone = pick.TimeGroups.FirstOrDefault(g => grouped.All(t => (t.ProjectId, t.ServiceId) != g));
            if (gone.ProjectId > 0)
                return PickResult.Refused($"The ticked time of {known.Single(p => p.Id == gone.ProjectId).Name} has no unbilled hours left in these dates: " +
                                          "it was put on another invoice a moment ago, or it is not billable on its own (a fixed-price project). " +
                                          "Nothing was saved: reload the page to see what is still unbilled.");
            time = time.Concat(grouped.Where(t => pick.TimeGroups.Contains((t.ProjectId, t.ServiceId)) && time.All(x => x.Id != t.Id))).ToList();
        }
        if (pick.TimeLines == TimeLineMode.PerEntry)
        {
            lines.AddRange(time.OrderBy(t => t.ProjectName).ThenBy(t => t.Date).ThenBy(t => t.Id).Select(t => new PickedLine(
                new InvoiceLineItem(InvoiceLineSourceKind.TimeEntry, t.Id,
                    EntryLineDescription(t.ProjectName, t.ServiceName, t.Date, t.Hours, t.HourlyRate, t.Description),
                    t.Hours, t.HourlyRate, t.Currency, t.ProjectId),
                [t.Id], $"the time of {t.Date:yyyy-MM-dd} on {t.ProjectName}")));
        }
        else
        {
            // One line per project, service and rate (a rate changed midway makes two lines), so every line reads hours × rate.
            foreach (var g in time.GroupBy(t => (t.ProjectId, t.ProjectName, t.ServiceId, t.ServiceName, t.HourlyRate, t.Currency))
                         .OrderBy(g => g.Key.ProjectName).ThenBy(g => g.Key.ServiceName ?? "\uffff").ThenBy(g => g.Key.HourlyRate))
            {
                var entries = g.Select(t => t.Id).ToList();
                lines.Add(new PickedLine(
                    new InvoiceLineItem(InvoiceLineSourceKind.TimeEntry, entries.Count == 1 ? entries[0] : null,
                        ServiceLineDescription(g.Key.ProjectName, g.Key.ServiceName, g.Min(t => t.Date), g.Max(t => t.Date), g.Sum(t => t.Hours), g.Key.HourlyRate),
                        g.Sum(t => t.Hours), g.Key.HourlyRate, g.Key.Currency, g.Key.ProjectId),
                    entries, $"the time on {g.Key.ProjectName} – {g.Key.ServiceName ?? "Other work"}"));
            }
        }

        var milestoneIds = pick.MilestoneIds.Distinct().ToList();
        var milestones = await db.Milestones.AsNoTracking().Where(m => milestoneIds.Contains(m.Id))
            .Join(db.Projects, m => m.ProjectId, p => p.Id, (m, p) => new { m.Id, m.Name, m.Amount, m.State, m.InvoiceId, m.SortOrder, ProjectId = p.Id, ProjectName = p.Name, p.ClientId })
            .ToListAsync(ct);
        if (milestones.Count != milestoneIds.Count) return new PickResult([], null, true);
        foreach (var m in milestones.OrderBy(m => m.ProjectName).ThenBy(m => m.SortOrder))
        {
            if (m.ClientId != clientId) return PickResult.Refused($"Milestone {m.Name} ({m.ProjectName}) is work for another client.");
            if (m.InvoiceId is not null) return PickResult.Refused($"Milestone {m.Name} ({m.ProjectName}) is already on an invoice.");
            if (m.State != MilestoneState.Reached) return PickResult.Refused($"Milestone {m.Name} ({m.ProjectName}) is not reached yet.");
            lines.Add(new PickedLine(new InvoiceLineItem(InvoiceLineSourceKind.Milestone, m.Id, $"{m.ProjectName} – milestone: {m.Name}", 1m, m.Amount, currency, m.ProjectId),
                [m.Id], $"milestone {m.Name}"));
        }

        var serviceIds = pick.ServiceIds.Distinct().ToList();
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Name, s.Pricing, s.Rate, s.Quantity, s.InvoiceId, s.ProjectId, ProjectName = s.Project!.Name, s.Project.ClientId }).ToListAsync(ct);
        if (services.Count != serviceIds.Count) return new PickResult([], null, true);
        foreach (var s in services.OrderBy(s => s.ProjectName).ThenBy(s => s.Name))
        {
            if (s.ClientId != clientId) return PickResult.Refused($"Service {s.Name} ({s.ProjectName}) is work for another client.");
            if (s.InvoiceId is not null) return PickResult.Refused($"Service {s.Name} ({s.ProjectName}) is already on an invoice.");
            if (s.Pricing != ServicePricing.Flat) return PickResult.Refused($"Service {s.Name} ({s.ProjectName}) is hourly: bill its time instead.");
            lines.Add(new PickedLine(new InvoiceLineItem(InvoiceLineSourceKind.Service, s.Id, $"{s.ProjectName} – {s.Name} (flat fee)", s.Quantity, s.Rate, currency, s.ProjectId),
                [s.Id], $"service {s.Name}"));
        }

        var changeIds = pick.ScopeChangeIds.Distinct().ToList();
        var changes = await db.ScopeChanges.AsNoTracking().Where(s => changeIds.Contains(s.Id))
            .Join(db.Projects, s => s.ProjectId, p => p.Id, (s, p) => new { s.Id, s.Description, s.State, s.EstimateAmount, s.InvoiceId, s.RequestedOn, ProjectId = p.Id, ProjectName = p.Name, p.ClientId })
            .ToListAsync(ct);
        if (changes.Count != changeIds.Count) return new PickResult([], null, true);
        foreach (var c in changes.OrderBy(c => c.ProjectName).ThenBy(c => c.RequestedOn))
        {
            var label = $"the scope change \"{Shorten(c.Description)}\" ({c.ProjectName})";
            if (c.ClientId != clientId) return PickResult.Refused($"{Capital(label)} is work for another client.");
            if (c.InvoiceId is not null) return PickResult.Refused($"{Capital(label)} is already on an invoice.");
            if (c.State != ScopeChangeState.Approved || c.EstimateAmount is null)
                return PickResult.Refused($"{Capital(label)} is not an approved change with an amount.");
            lines.Add(new PickedLine(new InvoiceLineItem(InvoiceLineSourceKind.ScopeChange, c.Id, $"{c.ProjectName} – scope change: {Shorten(c.Description, 400)}", 1m,
                c.EstimateAmount.Value, currency, c.ProjectId), [c.Id], label));
        }

        // Rechargeable expenses: at cost, one line each, in the expense's own currency (the invoice refuses
        // any item in another currency than its own, by name).
        var expenseIds = pick.Expenses.Distinct().ToList();
        var expenses = await db.Expenses.AsNoTracking().Where(e => expenseIds.Contains(e.Id))
            .Select(e => new { e.Id, e.Description, e.Vendor, e.Date, e.Amount, e.Currency, e.Rechargeable, e.InvoiceId, e.ProjectId }).ToListAsync(ct);
        if (expenses.Count != expenseIds.Count) return new PickResult([], null, true);
        var expenseProjectIds = expenses.Where(e => e.ProjectId is not null).Select(e => e.ProjectId!.Value).Distinct().ToList();
        var expenseProjects = await db.Projects.AsNoTracking().Where(p => expenseProjectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.ClientId }).ToDictionaryAsync(p => p.Id, ct);
        foreach (var e in expenses.OrderBy(e => e.ProjectId is { } pid && expenseProjects.TryGetValue(pid, out var pr) ? pr.Name : "").ThenBy(e => e.Date).ThenBy(e => e.Id))
        {
            var project = e.ProjectId is { } pid && expenseProjects.TryGetValue(pid, out var pr) ? pr : null;
            var name = ExpenseName(e.Description, e.Vendor, e.Date);
            var label = $"the expense {name}";
            if (!e.Rechargeable || project is null) return PickResult.Refused($"{Capital(label)} is not a rechargeable expense of a project.");
            if (project.ClientId != clientId) return PickResult.Refused($"{Capital(label)} belongs to {project.Name}, a project of another client.");
            if (e.InvoiceId is not null) return PickResult.Refused($"{Capital(label)} is already on an invoice.");
            lines.Add(new PickedLine(new InvoiceLineItem(InvoiceLineSourceKind.Expense, e.Id, $"{project.Name} – {name}", 1m, e.Amount, e.Currency, project.Id),
                [e.Id], label));
        }
        return new PickResult(lines, null, false);
    }

    // Line texts are what the client reads: the work, its hours at its rate, and when. How many entries
    // made it up is the freelancer's business, not the client's. Invoices already saved keep their text.

    /// <summary>"Website – Design, 12.50 h × 90.00 (2026-10-05 to 2026-10-20)".</summary>
    public static string ServiceLineDescription(string projectName, string? serviceName, DateOnly first, DateOnly last, decimal hours, decimal rate)
    {
        var period = first == last ? $"{first:yyyy-MM-dd}" : $"{first:yyyy-MM-dd} to {last:yyyy-MM-dd}";
        return $"{Work(projectName, serviceName)}, {HoursAtRate(hours, rate)} ({period})";
    }

    /// <summary>"Website – Design, 2026-10-05, 2.50 h × 90.00: fixed the checkout".</summary>
    public static string EntryLineDescription(string projectName, string? serviceName, DateOnly date, decimal hours, decimal rate, string? note) =>
        $"{Work(projectName, serviceName)}, {date:yyyy-MM-dd}, {HoursAtRate(hours, rate)}{(string.IsNullOrWhiteSpace(note) ? "" : ": " + Shorten(note.Trim(), 300))}";

    private static string Work(string projectName, string? serviceName) =>
        serviceName is null ? projectName : $"{projectName} – {serviceName}";

    private static string HoursAtRate(decimal hours, decimal rate) =>
        string.Create(CultureInfo.InvariantCulture, $"{hours:0.00} h × {rate:0.00}");

    private sealed record TimeRow(int Id, DateOnly Date, int ProjectId, string ProjectName, int ClientId, int? ServiceId, string? ServiceName,
        string? Description, decimal Hours, decimal HourlyRate, string Currency, bool Billable, int? InvoiceId, bool FixedPrice);

    private static IQueryable<TimeRow> TimeRows(IQueryable<TimeEntry> query) =>
        query.Select(t => new TimeRow(t.Id, t.Date, t.ProjectId, t.Project!.Name, t.Project.ClientId, t.ServiceId, t.Service!.Name,
            t.Description, t.Hours, t.HourlyRate, t.Currency, t.Billable, t.InvoiceId, t.Project.Pricing == ProjectPricing.FixedPrice));

    /// <summary>
    /// The one rounding rule for billed time: a line's hours × rate rounded once (three 0.25 h at 33.33 are
    /// 0.75 h × 33.33 = 25.00, not three rounded 8.33). The form's group amount uses it too.
    /// </summary>
    public static decimal TimeLineAmount(decimal hours, decimal rate, string currency) => InvoiceTotals.LineAmount(hours, rate, currency);

    private static string Shorten(string text, int max = 60) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>
    /// Marks the items of the saved lines as billed on <paramref name="invoiceId"/>, each with an update
    /// that only touches items still unbilled. Must run inside the transaction that saved the lines; throws
    /// <see cref="AlreadyBilledException"/> (roll back) when another invoice took one of them first.
    /// </summary>
    public async Task ClaimAsync(int invoiceId, IReadOnlyList<(InvoiceLine Line, PickedLine Pick)> lines, CancellationToken ct = default)
    {
        foreach (var (line, pick) in lines)
        {
            var ids = pick.ItemIds;
            var lineId = line.Id;
            var price = pick.Item.UnitPrice;
            var itemCurrency = pick.Item.Currency;
            var claimed = line.SourceKind switch
            {
                InvoiceLineSourceKind.TimeEntry => await db.TimeEntries.Where(t => ids.Contains(t.Id) && t.InvoiceId == null && t.Billable)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.InvoiceId, invoiceId).SetProperty(t => t.InvoiceLineId, lineId)
                        .SetProperty(t => t.Version, t => t.Version + 1), ct),
                InvoiceLineSourceKind.Milestone => await db.Milestones.Where(m => ids.Contains(m.Id) && m.InvoiceId == null && m.State == MilestoneState.Reached)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.InvoiceId, invoiceId).SetProperty(m => m.State, MilestoneState.Invoiced)
                        .SetProperty(m => m.Version, m => m.Version + 1), ct),
                InvoiceLineSourceKind.Service => await db.Services.Where(x => ids.Contains(x.Id) && x.InvoiceId == null && x.Pricing == ServicePricing.Flat)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.InvoiceId, invoiceId).SetProperty(x => x.Version, x => x.Version + 1), ct),
                InvoiceLineSourceKind.ScopeChange => await db.ScopeChanges.Where(x => ids.Contains(x.Id) && x.InvoiceId == null && x.State == ScopeChangeState.Approved)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.InvoiceId, invoiceId).SetProperty(x => x.Version, x => x.Version + 1), ct),
                // The amount and currency are part of the condition: an expense edited since the form was read is not taken at a stale price.
                InvoiceLineSourceKind.Expense => await db.Expenses.Where(x => ids.Contains(x.Id) && x.InvoiceId == null && x.Rechargeable
                                                                              && x.Amount == price && x.Currency == itemCurrency)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.InvoiceId, invoiceId).SetProperty(x => x.Version, x => x.Version + 1), ct),
                _ => throw new InvalidOperationException($"{line.SourceKind} items are not billed here."),
            };
            if (claimed != ids.Count)
                throw new AlreadyBilledException($"{Capital(pick.Label)} was put on another invoice a moment ago, or changed meanwhile. " +
                                                 "Nothing was saved: reload the page to see what is still unbilled.");
        }
    }

    /// <summary>
    /// Saves a new draft and takes its items, in one transaction: when another invoice took an item first,
    /// throws <see cref="AlreadyBilledException"/> and nothing of the draft is saved.
    /// </summary>
    public Task SaveNewDraftAsync(Invoice invoice, IReadOnlyList<(InvoiceLine Line, PickedLine Pick)> itemLines, CancellationToken ct = default) =>
        db.InTransactionAsync(async () =>
        {
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(ct);
            await ClaimAsync(invoice.Id, itemLines, ct);
        }, ct);

    /// <summary>Makes the items of these (removed) lines of a draft unbilled again; run before the lines are deleted.</summary>
    public async Task ReleaseLinesAsync(int invoiceId, IReadOnlyCollection<InvoiceLine> lines, CancellationToken ct = default)
    {
        var timeLines = lines.Where(l => l.SourceKind == InvoiceLineSourceKind.TimeEntry).Select(l => l.Id).ToList();
        if (timeLines.Count > 0)
            await db.TimeEntries.Where(t => t.InvoiceId == invoiceId && t.InvoiceLineId != null && timeLines.Contains(t.InvoiceLineId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.InvoiceId, (int?)null).SetProperty(t => t.InvoiceLineId, (int?)null)
                    .SetProperty(t => t.Version, t => t.Version + 1), ct);
        await ReleaseAsync(invoiceId, SourceIds(lines, InvoiceLineSourceKind.Milestone), SourceIds(lines, InvoiceLineSourceKind.Service),
            SourceIds(lines, InvoiceLineSourceKind.ScopeChange), SourceIds(lines, InvoiceLineSourceKind.Expense), ct);
        // An income's line taken off a draft unlinks that income (the workflow grid shows it unlinked again).
        var incomes = SourceIds(lines, InvoiceLineSourceKind.Income);
        if (incomes.Count > 0)
            await db.Incomes.Where(x => x.InvoiceId == invoiceId && incomes.Contains(x.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.InvoiceId, (int?)null).SetProperty(x => x.Version, x => x.Version + 1), ct);
    }

    /// <summary>Makes every item billed on this invoice unbilled again (a deleted draft, a voided invoice).</summary>
    public async Task ReleaseAllAsync(int invoiceId, CancellationToken ct = default)
    {
        await db.TimeEntries.Where(t => t.InvoiceId == invoiceId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.InvoiceId, (int?)null).SetProperty(t => t.InvoiceLineId, (int?)null)
                .SetProperty(t => t.Version, t => t.Version + 1), ct);
        await ReleaseAsync(invoiceId, null, null, null, null, ct);
    }

    private static List<int> SourceIds(IEnumerable<InvoiceLine> lines, InvoiceLineSourceKind kind) =>
        lines.Where(l => l.SourceKind == kind && l.SourceId is not null).Select(l => l.SourceId!.Value).ToList();

    /// <summary>Null lists mean "all of the invoice's".</summary>
    private async Task ReleaseAsync(int invoiceId, List<int>? milestones, List<int>? services, List<int>? changes, List<int>? expenses, CancellationToken ct)
    {
        if (expenses is null || expenses.Count > 0)
            await db.Expenses.Where(x => x.InvoiceId == invoiceId && (expenses == null || expenses.Contains(x.Id)))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.InvoiceId, (int?)null).SetProperty(x => x.Version, x => x.Version + 1), ct);
        if (milestones is null || milestones.Count > 0)
            await db.Milestones.Where(m => m.InvoiceId == invoiceId && (milestones == null || milestones.Contains(m.Id)))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.InvoiceId, (int?)null).SetProperty(m => m.State, MilestoneState.Reached)
                    .SetProperty(m => m.Version, m => m.Version + 1), ct);
        if (services is null || services.Count > 0)
            await db.Services.Where(x => x.InvoiceId == invoiceId && (services == null || services.Contains(x.Id)))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.InvoiceId, (int?)null).SetProperty(x => x.Version, x => x.Version + 1), ct);
        if (changes is null || changes.Count > 0)
            await db.ScopeChanges.Where(x => x.InvoiceId == invoiceId && (changes == null || changes.Contains(x.Id)))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.InvoiceId, (int?)null).SetProperty(x => x.Version, x => x.Version + 1), ct);
    }
}

/// <summary>
/// Gives the billed items back when a draft is deleted or an issued invoice voided (inside the same
/// transaction as the delete or the void), so the work can go on a new or corrected invoice.
/// </summary>
public sealed class BilledWorkHook(BilledWork work) : IInvoiceLifecycleHook
{
    public Task OnDraftDeletingAsync(Invoice invoice, CancellationToken ct) => work.ReleaseAllAsync(invoice.Id, ct);

    public Task OnVoidedAsync(Invoice invoice, CancellationToken ct) => work.ReleaseAllAsync(invoice.Id, ct);
}

/// <summary>One kind of unbilled item on the invoice form (a list of checkboxes).</summary>
public sealed record UnbilledItemsGroup(string Title, string Field, string IdPrefix, IReadOnlyList<UnbilledItem> Items, IReadOnlyList<int> Checked);
