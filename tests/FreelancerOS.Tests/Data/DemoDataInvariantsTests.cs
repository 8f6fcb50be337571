using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Data;

/// <summary>
/// The demo data goes through the invoice services, so it must hold every rule they keep: totals, paid
/// amounts and statuses agree with the linked incomes, Overdue is exactly what the overdue job would mark,
/// numbers run without gaps per year, and every billed time entry is on exactly one line that bills its
/// hours at its rate. The same seed gives the same figures in another account.
/// </summary>
public sealed class DemoDataInvariantsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task SmallProfile_KeepsTheInvoiceAndLedgerRules_AndTheSameSeedGivesTheSameFigures()
    {
        var first = await SeedAsync("invariants-a@example.com", seed: 42);
        var second = await SeedAsync("invariants-b@example.com", seed: 42);

        var a = await app.WithDbAsync(db => CheckAsync(db, first.Today), first.UserId);
        var b = await app.WithDbAsync(db => CheckAsync(db, second.Today), second.UserId);
        Assert.Equal(a, b);

        // The job that marks overdue invoices finds nothing left to mark: the seed issued them by the same rule.
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await ActivatorUtilities.CreateInstance<MarkOverdueJob>(scope.ServiceProvider).RunAsync(CancellationToken.None));
    }

    private async Task<(string UserId, DateOnly Today)> SeedAsync(string email, int seed)
    {
        await app.SignedInClientAsync(email);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years: 3, seed: seed);
        var today = await scope.ServiceProvider.GetRequiredService<CurrentAccount>().TodayAsync();
        return (userId, today);
    }

    /// <summary>Asserts the rules and returns the account's figures (number, status, total, paid per invoice) to compare.</summary>
    private static async Task<string> CheckAsync(AppDbContext db, DateOnly today)
    {
        var settings = await db.Settings.AsNoTracking().SingleAsync();
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).AsSplitQuery().OrderBy(i => i.Id).ToListAsync();
        var incomes = (await db.Incomes.AsNoTracking().Where(i => i.InvoiceId != null).ToListAsync()).ToLookup(i => i.InvoiceId!.Value);
        var time = await db.TimeEntries.AsNoTracking().Include(t => t.Project).ToListAsync();
        var milestones = await db.Milestones.AsNoTracking().ToListAsync();
        foreach (var status in Enum.GetValues<InvoiceStatus>()) Assert.Contains(invoices, i => i.Status == status);

        foreach (var invoice in invoices)
        {
            var totals = InvoiceTotals.Of(invoice.Lines.Select(l => (l.Quantity, l.UnitPrice)), invoice.TaxRate, invoice.Currency);
            Assert.Equal(totals.Total, invoice.Total);
            Assert.Equal(invoice.Lines.Sum(l => l.Amount), invoice.Subtotal);
            var linked = incomes[invoice.Id].ToList();
            if (invoice.Status is InvoiceStatus.Draft or InvoiceStatus.Void)
            {
                Assert.Empty(linked);
                continue;
            }
            var received = linked.Where(i => i.PaymentModeId != null).Sum(i => i.Amount);
            Assert.Equal(invoice.Total, linked.Sum(i => i.Amount));
            Assert.Equal(received, invoice.AmountPaid);
            Assert.Equal(invoice.Status == InvoiceStatus.Paid, received == invoice.Total);
            Assert.All(linked, i => Assert.Equal((invoice.ClientId, invoice.Currency), (i.ClientId!.Value, i.Currency)));
            Assert.True(linked.Count(i => i.PaymentModeId == null) <= 1, $"{invoice.Number} has more than one open income");
            // An invoice of one project's work has that project on its incomes (grouped time included).
            var projects = invoice.Lines.Where(l => l.SourceKind != InvoiceLineSourceKind.Free).Select(l => l.ProjectId).Distinct().ToList();
            if (projects is [{ } project]) Assert.All(linked, i => Assert.Equal(project, i.ProjectId));
            if (invoice.Status == InvoiceStatus.Sent) Assert.True(invoice.DueDate >= today, $"{invoice.Number} is past due but Sent");
            if (invoice.Status == InvoiceStatus.Overdue) Assert.True(invoice.DueDate < today, $"{invoice.Number} is Overdue before its due date");
        }

        // Numbers: 1..n per year of issue, formatted by the settings, and the year's counter at n.
        var counters = await db.InvoiceNumberCounters.AsNoTracking().ToDictionaryAsync(c => c.Year, c => c.LastSequence);
        var numbered = invoices.Where(i => i.Number is not null).ToList();
        Assert.All(numbered, i => Assert.Equal((i.IssueDate.Year, settings.FormatInvoiceNumber(i.IssueDate.Year, i.NumberSequence!.Value)), (i.NumberYear!.Value, i.Number!)));
        foreach (var year in numbered.GroupBy(i => i.NumberYear!.Value))
        {
            Assert.Equal(Enumerable.Range(1, year.Count()), year.Select(i => i.NumberSequence!.Value).Order());
            Assert.Equal(year.Count(), counters[year.Key]);
        }

        // Billed time: billable hourly work, on one line of its invoice, each line billing exactly its entries' hours at their rate.
        var lines = invoices.SelectMany(i => i.Lines).ToDictionary(l => l.Id);
        var billed = time.Where(t => t.InvoiceId != null).ToList();
        Assert.NotEmpty(billed);
        Assert.All(billed, t =>
        {
            Assert.True(t.Billable && t.Project!.Pricing == ProjectPricing.Hourly, $"time entry {t.Id} should not be billed");
            var line = lines[t.InvoiceLineId!.Value];
            Assert.Equal((InvoiceLineSourceKind.TimeEntry, t.InvoiceId!.Value, t.HourlyRate, (int?)t.ProjectId), (line.SourceKind, line.InvoiceId, line.UnitPrice, line.ProjectId));
        });
        Assert.DoesNotContain(time, t => t.InvoiceId == null && t.InvoiceLineId != null);
        foreach (var line in lines.Values.Where(l => l.SourceKind == InvoiceLineSourceKind.TimeEntry))
        {
            var entries = billed.Where(t => t.InvoiceLineId == line.Id).ToList();
            Assert.Equal(line.Quantity, entries.Sum(t => t.Hours));
            Assert.Equal(BilledWork.TimeLineAmount(line.Quantity, line.UnitPrice, entries[0].Currency), line.Amount);
            if (line.SourceId is { } single) Assert.Equal(new[] { single }, entries.Select(t => t.Id));
        }
        foreach (var line in lines.Values.Where(l => l.SourceKind == InvoiceLineSourceKind.Milestone))
        {
            var milestone = milestones.Single(m => m.Id == line.SourceId);
            Assert.Equal((line.InvoiceId, MilestoneState.Invoiced, milestone.Amount), (milestone.InvoiceId!.Value, milestone.State, line.Amount));
        }
        Assert.Equal(milestones.Count(m => m.InvoiceId != null), lines.Values.Count(l => l.SourceKind == InvoiceLineSourceKind.Milestone));

        return string.Join("\n", invoices.Select(i => $"{i.Number} {i.IssueDate} {i.Status} {i.Total} {i.AmountPaid} {i.Lines.Count}"))
               + $"\n{time.Count} entries, {billed.Count} billed, {await db.LedgerEntries.CountAsync()} ledger entries";
    }
}
