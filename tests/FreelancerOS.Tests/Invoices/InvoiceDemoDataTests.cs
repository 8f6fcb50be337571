using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Invoices;

public sealed class InvoiceDemoDataTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task DemoData_MakesDraftSentOverdueAndVoidInvoices_NumberedWithoutGaps_AndTheBoardShowsThem()
    {
        var client = await app.SignedInClientAsync();
        var userId = await InvoiceSteps.UserIdAsync(app, client.Email!);
        for (var run = 0; run < 2; run++) // twice: a second run continues the numbering
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years: 3, seed: 42 + run);
        }

        var invoices = await app.WithDbAsync(db => db.Invoices.Include(i => i.Lines).ToListAsync(), userId);
        Assert.Equal(48, invoices.Count(i => i.Lines.All(l => l.SourceKind == InvoiceLineSourceKind.Free))); // the billed-work ones: BilledWorkDemoDataTests
        foreach (var status in new[] { InvoiceStatus.Draft, InvoiceStatus.Sent, InvoiceStatus.Overdue, InvoiceStatus.Void })
            Assert.Contains(invoices, i => i.Status == status);
        Assert.All(invoices, i => Assert.Equal(i.Lines.Sum(l => l.Amount), i.Subtotal));
        Assert.All(invoices.Where(i => i.Status == InvoiceStatus.Overdue), i => Assert.True(i.DueDate < new DateOnly(2026, 11, 22)));
        foreach (var year in invoices.Where(i => i.NumberYear is not null).GroupBy(i => i.NumberYear))
            Assert.Equal(Enumerable.Range(1, year.Count()), year.Select(i => i.NumberSequence!.Value).Order());

        var board = await client.GetPageAsync("/invoices");
        Assert.NotEmpty(board.QuerySelectorAll("section[data-status=Overdue] .board-card"));
    }
}
