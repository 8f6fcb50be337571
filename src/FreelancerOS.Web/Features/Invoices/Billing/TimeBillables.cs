using System.Linq.Expressions;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// Billable time of hourly projects (a fixed-price project's time is billed through its milestones and
/// scope changes). Picked as whole groups (a project and service within the dates) or entry by entry;
/// billed as one line per project, service and rate, or one line per entry. Each entry keeps the line it is
/// billed on, so removing that line gives back exactly its entries.
/// </summary>
public sealed class TimeBillables(AppDbContext db) : IBillableSource
{
    /// <summary>Time entries listed one by one on the form; beyond this, the groups are still complete.</summary>
    public const int ListedEntries = 300;

    private static readonly Expression<Func<TimeEntry, bool>> IsBillable =
        t => t.Billable && t.InvoiceId == null && t.Project!.Pricing != ProjectPricing.FixedPrice;

    // The same rule on entries loaded with their project, to check a pick.
    private static readonly Func<TimeEntry, bool> IsBillableEntry = IsBillable.Compile();

    public InvoiceLineSourceKind Kind => InvoiceLineSourceKind.TimeEntry;

    private IQueryable<TimeEntry> Unbilled(int? clientId, int? projectId, DateOnly? from, DateOnly? to)
    {
        var query = db.TimeEntries.AsNoTracking().Where(IsBillable)
            .Where(t => (clientId == null || t.Project!.ClientId == clientId) && (projectId == null || t.ProjectId == projectId));
        if (from is { } f) query = query.Where(t => t.Date >= f);
        if (to is { } e) query = query.Where(t => t.Date <= e);
        return query;
    }

    /// <summary>The client's unbilled time as the form lists it: complete groups, and up to <see cref="ListedEntries"/> entries in them.</summary>
    public async Task<(List<UnbilledTimeGroup> Groups, bool ListCut)> UnbilledAsync(int clientId, int? projectId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var time = Unbilled(clientId, projectId, from, to);
        // Summed per rate, then each rate's hours × rate rounded once: the amount the billed line will have.
        var byRate = await time
            .GroupBy(t => new { t.ProjectId, ProjectName = t.Project!.Name, t.ServiceId, ServiceName = t.Service!.Name, t.Currency, t.HourlyRate })
            .Select(g => new { g.Key, Hours = g.Sum(t => t.Hours), Count = g.Count(), First = g.Min(t => t.Date), Last = g.Max(t => t.Date) })
            .ToListAsync(ct);
        var groups = byRate.GroupBy(r => (r.Key.ProjectId, r.Key.ProjectName, r.Key.ServiceId, r.Key.ServiceName, r.Key.Currency))
            .Select(g => new UnbilledTimeGroup(g.Key.ProjectId, g.Key.ProjectName, g.Key.ServiceId, g.Key.ServiceName, g.Key.Currency,
                g.Sum(r => r.Hours), g.Sum(r => BilledWork.TimeLineAmount(r.Hours, r.Key.HourlyRate, r.Key.Currency)), g.Sum(r => r.Count),
                g.Min(r => r.First), g.Max(r => r.Last)))
            .OrderBy(g => g.ProjectName).ThenBy(g => g.ServiceName ?? "\uffff").ThenBy(g => g.Currency).ToList();
        var rows = await time.OrderBy(t => t.Date).ThenBy(t => t.Id).Take(ListedEntries + 1)
            .Select(t => new { t.ProjectId, t.ServiceId, t.Currency, Row = new UnbilledTimeRow(t.Id, t.Date, t.Description, t.Hours, t.HourlyRate, t.Amount, t.Currency) })
            .ToListAsync(ct);
        foreach (var r in rows.Take(ListedEntries))
            groups.First(g => g.ProjectId == r.ProjectId && g.ServiceId == r.ServiceId && g.Currency == r.Currency).Entries.Add(r.Row);
        return (groups, rows.Count > ListedEntries);
    }

    public IQueryable<UnbilledSum> Totals(string? owner = null) =>
        BilledWork.OfOwner(db.TimeEntries.AsNoTracking(), owner).Where(IsBillable).GroupBy(t => t.Currency)
            .Select(g => new UnbilledSum { Currency = g.Key, Hours = g.Sum(t => t.Hours), Value = g.Sum(t => t.Amount), Items = 0 });

    private IQueryable<TimeEntry> WithProject(IQueryable<TimeEntry> entries) => entries.Include(t => t.Project).Include(t => t.Service);

    public async Task<PickResult> ResolveAsync(WorkPick pick, int clientId, string currency, CancellationToken ct)
    {
        if (pick.TimeEntryIds.Count == 0 && pick.TimeGroups.Count == 0) return PickResult.Nothing;
        var ids = pick.TimeEntryIds.Distinct().ToList();
        var time = await WithProject(db.TimeEntries.AsNoTracking().Where(t => ids.Contains(t.Id))).ToListAsync(ct);
        if (time.Count != ids.Count) return PickResult.Missing;
        var refused = time.Where(t => t.Project!.ClientId != clientId || !IsBillableEntry(t)).ToList();
        if (refused.Count > 0) return PickResult.Refused(WhyNot(refused, clientId));
        if (pick.TimeGroups.Count > 0)
        {
            // The ticked groups: everything unbilled of that project and service within the dates.
            var projectIds = pick.TimeGroups.Select(g => g.ProjectId).Distinct().ToList();
            var known = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id)).Select(p => new { p.Id, p.ClientId, p.Name }).ToListAsync(ct);
            if (known.Count != projectIds.Count) return PickResult.Missing;
            if (known.FirstOrDefault(p => p.ClientId != clientId) is { } foreign)
                return PickResult.Refused($"{foreign.Name} is a project of another client.");
            var grouped = await WithProject(Unbilled(clientId, null, pick.From, pick.To).Where(t => projectIds.Contains(t.ProjectId))).ToListAsync(ct);
            // A ticked group with nothing left to bill was taken by another tab or window meanwhile: refuse rather than save an empty draft.
            var gone = pick.TimeGroups.FirstOrDefault(g => grouped.All(t => (t.ProjectId, t.ServiceId) != g));
            if (gone.ProjectId > 0)
                return PickResult.Refused($"The ticked time of {known.Single(p => p.Id == gone.ProjectId).Name} has no unbilled hours left in these dates: " +
                                          "it was put on another invoice a moment ago, or it is not billable on its own (a fixed-price project). " +
                                          "Nothing was saved: reload the page to see what is still unbilled.");
            time = time.Concat(grouped.Where(t => pick.TimeGroups.Contains((t.ProjectId, t.ServiceId)) && time.All(x => x.Id != t.Id))).ToList();
        }
        return new PickResult(pick.TimeLines == TimeLineMode.PerEntry ? PerEntry(time) : PerService(time), null, false);
    }

    /// <summary>The first reason in the order a user fixes them: the client, the project's pricing, then the entry itself.</summary>
    private static string WhyNot(List<TimeEntry> refused, int clientId)
    {
        var t = refused.FirstOrDefault(t => t.Project!.ClientId != clientId) ?? refused.FirstOrDefault(t => t.Project!.Pricing == ProjectPricing.FixedPrice) ?? refused[0];
        var time = $"The time of {t.Date:yyyy-MM-dd} on {t.Project!.Name}";
        if (t.Project.ClientId != clientId) return $"{time} is work for another client.";
        if (t.Project.Pricing == ProjectPricing.FixedPrice)
            return $"{time} is work on a fixed-price project: bill its milestones (or approved scope changes) instead, so the work is not billed twice.";
        return $"{time} is {(t.Billable ? "already on an invoice" : "not billable")}.";
    }

    private static List<PickedLine> PerEntry(List<TimeEntry> time) =>
        time.OrderBy(t => t.Project!.Name).ThenBy(t => t.Date).ThenBy(t => t.Id).Select(t => new PickedLine(
            new InvoiceLineItem(InvoiceLineSourceKind.TimeEntry, t.Id,
                BilledWork.EntryLineDescription(t.Project!.Name, t.Service?.Name, t.Date, t.Hours, t.HourlyRate, t.Description),
                t.Hours, t.HourlyRate, t.Currency, t.ProjectId),
            [t.Id], $"the time of {t.Date:yyyy-MM-dd} on {t.Project.Name}")).ToList();

    // One line per project, service and rate (a rate changed midway makes two lines), so every line reads hours × rate.
    private static List<PickedLine> PerService(List<TimeEntry> time) =>
        time.GroupBy(t => (t.ProjectId, ProjectName: t.Project!.Name, t.ServiceId, ServiceName: t.Service?.Name, t.HourlyRate, t.Currency))
            .OrderBy(g => g.Key.ProjectName).ThenBy(g => g.Key.ServiceName ?? "\uffff").ThenBy(g => g.Key.HourlyRate)
            .Select(g =>
            {
                var entries = g.Select(t => t.Id).ToList();
                return new PickedLine(
                    new InvoiceLineItem(InvoiceLineSourceKind.TimeEntry, entries.Count == 1 ? entries[0] : null,
                        BilledWork.ServiceLineDescription(g.Key.ProjectName, g.Key.ServiceName, g.Min(t => t.Date), g.Max(t => t.Date), g.Sum(t => t.Hours), g.Key.HourlyRate),
                        g.Sum(t => t.Hours), g.Key.HourlyRate, g.Key.Currency, g.Key.ProjectId),
                    entries, $"the time on {g.Key.ProjectName} – {g.Key.ServiceName ?? "Other work"}");
            }).ToList();

    public Task<int> ClaimAsync(int invoiceId, InvoiceLine line, PickedLine pick, CancellationToken ct)
    {
        var (ids, lineId) = (pick.ItemIds, line.Id);
        return db.TimeEntries.Where(t => ids.Contains(t.Id)).Where(IsBillable)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.InvoiceId, invoiceId).SetProperty(t => t.InvoiceLineId, lineId)
                .SetProperty(t => t.Version, t => t.Version + 1), ct);
    }

    public async Task ReleaseAsync(int invoiceId, IReadOnlyCollection<InvoiceLine>? lines, CancellationToken ct)
    {
        var lineIds = lines?.Where(l => l.SourceKind == Kind).Select(l => l.Id).ToList();
        if (lineIds is { Count: 0 }) return;
        await db.TimeEntries.Where(t => t.InvoiceId == invoiceId && (lineIds == null || (t.InvoiceLineId != null && lineIds.Contains(t.InvoiceLineId.Value))))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.InvoiceId, (int?)null).SetProperty(t => t.InvoiceLineId, (int?)null)
                .SetProperty(t => t.Version, t => t.Version + 1), ct);
    }
}
