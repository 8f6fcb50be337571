using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Invoices;

public sealed class InvoicePaymentDemoDataTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task DemoData_HasPaidAndPartlyPaidInvoices_ConsistentWithTheLedger()
    {
        var client = await app.SignedInClientAsync();
        var userId = await InvoiceSteps.UserIdAsync(app, client.Email!);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years: 3, seed: 42);
        }

        var (invoices, incomes) = await app.WithDbAsync(async db => (
            await db.Invoices.AsNoTracking().ToListAsync(),
            await db.Incomes.AsNoTracking().Where(i => i.InvoiceId != null).ToListAsync()), userId);
        Assert.Contains(invoices, i => i.Status == InvoiceStatus.Paid);
        Assert.Contains(invoices, i => i.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue && i.AmountPaid > 0);
        Assert.Contains(invoices, i => i.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue && i.AmountPaid == 0);
        foreach (var invoice in invoices)
        {
            var linked = incomes.Where(i => i.InvoiceId == invoice.Id).ToList();
            if (invoice.Status is InvoiceStatus.Draft or InvoiceStatus.Void)
            {
                Assert.Empty(linked);
                continue;
            }
            Assert.Equal(invoice.Total, linked.Sum(i => i.Amount));
            Assert.Equal(invoice.AmountPaid, linked.Where(i => i.PaymentModeId != null).Sum(i => i.Amount));
            Assert.Equal(invoice.Status == InvoiceStatus.Paid, invoice.AmountPaid >= invoice.Total);
            Assert.All(linked, i => Assert.Equal(invoice.ClientId, i.ClientId));
        }

        // The board's Paid column shows them.
        var board = await client.GetPageAsync("/invoices");
        Assert.NotEmpty(board.QuerySelectorAll("section[data-status=Paid] .board-card"));
    }
}
