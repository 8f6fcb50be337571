using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure.DemoData;

/// <summary>
/// Bills work as a freelancer does on the invoice form: for each client, open the form for a month, tick every
/// unbilled group of time it offers and the reached milestones due in the period, save the draft (the form's
/// grouping, rounding and claiming), then issue it. Last month's work is billed today (the first such invoice
/// stays a draft when there are several); the heavy profile also bills earlier work, by half-year and in the last two years by quarter, on the 1st after the period, paid two weeks later.
/// </summary>
public static class DemoBilling
{
    public static async Task<string> SeedLastMonthAsync(DemoRun run)
    {
        var today = run.Today;
        var monthStart = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var (count, entries, milestones) = await BillAsync(run, monthStart, monthStart.AddMonths(1).AddDays(-1), today, (today.AddDays(-365), DateOnly.MaxValue), [ClientStage.Client],
            leaveDraft: true, paid: false);
        if (count == 0) return "No work to bill";
        return $"{count} invoices of billed work ({entries} time entries of {monthStart:MMMM yyyy}, {milestones} milestones; one left as a draft)";
    }

    public static async Task SeedEarlierWorkAsync(DemoRun run)
    {
        var today = run.Today;
        var last = new DateOnly(today.Year, today.Month, 1).AddMonths(-2);
        var first = await run.Db.TimeEntries.MinAsync(t => (DateOnly?)t.Date);
        if (first is null) return;
        // Half-year by half-year until two years ago, then quarter by quarter (the last period cut at the month before
        // last): far fewer invoices than billing every month, which keeps the heavy profile's seed under a minute
        // while every service runs for each invoice.
        var end = last.AddMonths(1).AddDays(-1);
        var quarterly = new DateOnly(today.Year, today.Month, 1).AddYears(-2);
        for (var period = new DateOnly(first.Value.Year, first.Value.Month, 1); period <= last;)
        {
            var next = period.AddMonths(period < quarterly ? 6 : 3);
            var periodEnd = next.AddDays(-1) < end ? next.AddDays(-1) : end;
            await BillAsync(run, period, periodEnd, periodEnd.AddDays(1), (period, periodEnd),
                [ClientStage.Client, ClientStage.Negotiation, ClientStage.Archived], leaveDraft: false, paid: true);
            period = next;
        }
    }

    private static async Task<(int Invoices, int Entries, int Milestones)> BillAsync(DemoRun run, DateOnly periodStart, DateOnly periodEnd,
        DateOnly issueDate, (DateOnly From, DateOnly To) milestonesDue, ClientStage[] stages, bool leaveDraft, bool paid)
    {
        var db = run.Db;
        // Who may have something to bill: time logged in the month, or a milestone due in the period. What of it is
        // billable is the form's business (UnbilledAsync).
        var dueMilestones = await db.Milestones.AsNoTracking()
            .Where(m => m.DueDate >= milestonesDue.From && m.DueDate <= milestonesDue.To).Select(m => m.Id).ToListAsync();
        var withTime = db.TimeEntries.Where(t => t.Date >= periodStart && t.Date <= periodEnd).Select(t => t.Project!.ClientId);
        var withMilestones = db.Milestones.Where(m => dueMilestones.Contains(m.Id))
            .Join(db.Projects, m => m.ProjectId, p => p.Id, (m, p) => p.ClientId);
        var candidates = withTime.Union(withMilestones);
        var clients = await db.Clients.AsNoTracking().Where(c => stages.Contains(c.Stage) && candidates.Contains(c.Id))
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        if (clients.Count == 0) return (0, 0, 0);

        var modes = paid ? await db.PaymentModes.AsNoTracking().OrderBy(m => m.Name).Select(m => m.Id).ToListAsync() : [];
        var payday = issueDate.AddDays(14) < run.Today ? issueDate.AddDays(14) : run.Today;
        int entries = 0, milestones = 0;
        var drafts = new List<Invoice>();
        // A scope per client and per batch of invoices to issue: each save detects changes over all the context tracks.
        foreach (var clientId in clients)
        {
            await using var desk = await DemoInvoiceDesk.OpenAsync(run);
            var unbilled = await desk.Work.UnbilledAsync(clientId, periodStart, periodEnd);
            if (unbilled is null) continue;
            var groups = unbilled.Time.Where(g => g.Amount > 0).ToList();
            var reached = unbilled.Milestones.Where(m => dueMilestones.Contains(m.Id)).ToList();
            if (groups.Count == 0 && reached.Count == 0) continue;
            var draft = await desk.DraftAsync(new InvoiceForm
            {
                ClientId = clientId,
                IssueDate = issueDate,
                TaxRate = unbilled.Currency == run.Settings.HomeCurrency ? 21m : null,
                WorkFrom = periodStart,
                WorkTo = periodEnd,
                TimeGroups = groups.Select(g => g.Key).ToList(),
                MilestoneIds = reached.Select(m => m.Id).ToList(),
            });
            drafts.Add(draft);
            entries += groups.Sum(g => g.Count);
            milestones += reached.Count;
        }
        // The first one stays a draft when there are others to issue (the newest invoice is then an issued one).
        foreach (var batch in (leaveDraft && drafts.Count > 1 ? drafts.Skip(1) : drafts).Chunk(DemoInvoices.Batch))
        {
            await using var desk = await DemoInvoiceDesk.OpenAsync(run);
            foreach (var draft in batch)
            {
                var invoice = await desk.IssueAsync(draft);
                if (paid && modes.Count > 0) await desk.PayAsync(invoice, modes[0], payday, invoice.Total);
            }
        }
        return (drafts.Count, entries, milestones);
    }
}
