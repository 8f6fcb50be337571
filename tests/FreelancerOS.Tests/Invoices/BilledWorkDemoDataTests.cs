using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Invoices;

public sealed class BilledWorkDemoDataTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task DemoData_BillsLastMonthsHoursAndReachedMilestones_WithItemsPointingAtTheirLines()
    {
        var client = await app.SignedInClientAsync();
        var userId = await InvoiceSteps.UserIdAsync(app, client.Email!);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years: 2, seed: 7);
        }

        var data = await app.WithDbAsync(async db => new
        {
            Invoices = await db.Invoices.Include(i => i.Lines).Where(i => i.Lines.Any(l => l.SourceKind != InvoiceLineSourceKind.Free)).ToListAsync(),
            Billed = await db.TimeEntries.Where(t => t.InvoiceId != null).ToListAsync(),
            Milestones = await db.Milestones.Where(m => m.InvoiceId != null || m.State == MilestoneState.Invoiced).ToListAsync(),
        }, userId);

        Assert.Contains(data.Invoices, i => i.Status == InvoiceStatus.Draft);
        Assert.Contains(data.Invoices, i => i.Status == InvoiceStatus.Sent);
        Assert.Contains(data.Invoices, i => i.Lines.Any(l => l.SourceKind == InvoiceLineSourceKind.TimeEntry));
        Assert.NotEmpty(data.Billed);
        var lines = data.Invoices.SelectMany(i => i.Lines).ToList();
        foreach (var line in lines.Where(l => l.SourceKind == InvoiceLineSourceKind.TimeEntry))
        {
            var entries = data.Billed.Where(t => t.InvoiceLineId == line.Id).ToList();
            Assert.NotEmpty(entries);
            Assert.All(entries, t => Assert.Equal(line.InvoiceId, t.InvoiceId));
            Assert.Equal(line.Quantity, entries.Sum(t => t.Hours));
            Assert.All(entries, t => Assert.Equal((line.UnitPrice, line.ProjectId), (t.HourlyRate, (int?)t.ProjectId)));
        }
        Assert.All(data.Billed, t => Assert.Contains(lines, l => l.Id == t.InvoiceLineId));
        Assert.NotEmpty(data.Milestones);
        Assert.All(data.Milestones, m =>
        {
            Assert.Equal(MilestoneState.Invoiced, m.State);
            Assert.Contains(lines, l => l.SourceKind == InvoiceLineSourceKind.Milestone && l.SourceId == m.Id && l.InvoiceId == m.InvoiceId && l.Amount == m.Amount);
        });
        Assert.All(data.Invoices, i => Assert.Equal(i.Lines.Sum(l => l.Amount), i.Subtotal));
    }
}
